package io.oncesync.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A dry run's outcome for a terminal: what was found, the plan, the rules that fired and where values came from. */
public final class DryRunText {
    private DryRunText() {
    }

    public static String json(DryRun.Outcome o) {
        return AdminJson.dryRun(o).encodePrettily() + System.lineSeparator();
    }

    public static String text(DryRun.Outcome o) {
        JsonObject j = AdminJson.dryRun(o);
        StringBuilder b = new StringBuilder();
        String parse = j.getString("parse");
        if (!"accepted".equals(parse)) {
            line(b, "payload " + parse + ": " + (j.containsKey("pointer") ? j.getString("pointer") + ": " : "") + j.getString("reason"));
            return b.toString();
        }
        JsonObject e = j.getJsonObject("event");
        line(b, "event    " + e.getString("id") + "  booking " + orDash(e.getString("bookingId")) + "  guest " + orDash(e.getString("guest")));
        JsonArray found = j.getJsonArray("found");
        if (found.isEmpty()) {
            line(b, "found    no matching Lead or Contact");
        }
        for (int i = 0; i < found.size(); i++) {
            JsonObject c = found.getJsonObject(i);
            line(b, (i == 0 ? "found    " : "         ") + c.getString("object") + " " + c.getString("id")
                    + (c.getBoolean("converted") ? " (converted)" : "") + " " + c.getJsonObject("fields").encode());
        }
        if (j.containsKey("ledger")) {
            JsonObject l = j.getJsonObject("ledger");
            line(b, "ledger   " + l.getString("meeting") + (l.getString("person") == null ? "" : ", " + l.getString("person")));
        }
        line(b, "guest    " + orDash(j.getString("person")));
        line(b, "meeting  " + orDash(j.getString("meeting")));
        line(b, "");
        line(b, "plan (" + (j.getBoolean("executable") ? "would run" : "would NOT run") + ", nothing was written):");
        JsonArray actions = j.getJsonArray("actions");
        if (actions.isEmpty()) {
            line(b, "  nothing to write");
        }
        for (Object a : actions) {
            JsonObject action = (JsonObject) a;
            line(b, "  " + action.getString("key") + ": " + action.getString("operation") + " " + action.getString("object")
                    + (action.getString("recordId") == null ? "" : " " + action.getString("recordId")));
            action.getJsonObject("fields").forEach(f -> line(b, "      " + f.getKey() + " = " + value(f.getValue())));
        }
        list(b, "validation failures:", j.getJsonArray("failures"));
        list(b, "contradictions:", j.getJsonArray("contradictions"));
        list(b, "rules fired:", collapsed(j.getJsonArray("rulesFired")));
        list(b, "field values (value | provenance | rule):", j.getJsonArray("fieldOrigins"));
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof JsonObject o && o.containsKey("idOf")) {
            return "(id of " + o.getString("idOf") + ")";
        }
        return "\"" + String.valueOf(v).replace("\n", "\\n") + "\"";
    }

    private static void list(StringBuilder b, String heading, JsonArray items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        line(b, "");
        line(b, heading);
        items.forEach(i -> line(b, "  " + i));
    }

    /** Consecutive repeats of one rule as {@code rule (×3)}. */
    private static JsonArray collapsed(JsonArray rules) {
        JsonArray out = new JsonArray();
        int i = 0;
        while (i < rules.size()) {
            String r = rules.getString(i);
            int n = 1;
            while (i + n < rules.size() && rules.getString(i + n).equals(r)) {
                n++;
            }
            out.add(n == 1 ? r : r + " (×" + n + ")");
            i += n;
        }
        return out;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append(System.lineSeparator());
    }
}
