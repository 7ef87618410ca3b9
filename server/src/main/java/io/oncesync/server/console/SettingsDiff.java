package io.oncesync.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a settings change does, in the page's words: one line per changed choice, added/removed/changed mapping
 * row (by tab and field) and fallback. Shown before saving and written to the audit log with the save.
 */
final class SettingsDiff {
    private SettingsDiff() {
    }

    /** Every change from {@code before} to {@code after} (two {@link SettingsForm} forms); empty when equal. */
    static List<String> between(JsonObject before, JsonObject after) {
        List<String> out = new ArrayList<>();
        choice(out, "New contacts become", before, after, "newContacts");
        choice(out, "When a Lead and a Contact both match, prefer", before, after, "whenBothMatch");
        choice(out, "New meetings become", before, after, "meetings");
        Set<String> was = new LinkedHashSet<>(strings(before.getJsonArray("caseCalendars")));
        Set<String> now = new LinkedHashSet<>(strings(after.getJsonArray("caseCalendars")));
        now.stream().filter(c -> !was.contains(c)).forEach(c -> out.add("Case calendars: + " + c));
        was.stream().filter(c -> !now.contains(c)).forEach(c -> out.add("Case calendars: - " + c));
        for (String tab : SettingsForm.TABS) {
            Map<String, JsonObject> a = rows(before, tab);
            Map<String, JsonObject> b = rows(after, tab);
            b.forEach((k, row) -> {
                JsonObject old = a.get(k);
                if (old == null) {
                    out.add(tab + ": + " + describe(row));
                } else if (!same(old, row)) {
                    out.add(tab + ": " + describe(old) + "  →  " + describe(row));
                }
            });
            a.forEach((k, row) -> {
                if (!b.containsKey(k)) {
                    out.add(tab + ": - " + describe(row));
                }
            });
        }
        for (String object : SettingsForm.OBJECTS) {
            JsonObject a = fallbacks(before, object);
            JsonObject b = fallbacks(after, object);
            Set<String> fields = new LinkedHashSet<>(a.fieldNames());
            fields.addAll(b.fieldNames());
            for (String f : fields) {
                Object x = a.getValue(f);
                Object y = b.getValue(f);
                if (!Objects.equals(x, y)) {
                    out.add("Fallback " + object + "." + f + ": " + (x == null ? "(none)" : "\"" + x + "\"") + "  →  "
                            + (y == null ? "(none)" : "\"" + y + "\""));
                }
            }
        }
        return out;
    }

    private static void choice(List<String> out, String label, JsonObject a, JsonObject b, String key) {
        String x = a.getString(key);
        String y = b.getString(key);
        if (!Objects.equals(x, y)) {
            out.add(label + ": " + x + "  →  " + y);
        }
    }

    private static Map<String, JsonObject> rows(JsonObject form, String tab) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        JsonObject tabs = form.getJsonObject("mappings", new JsonObject());
        JsonArray rows = tabs.getJsonArray(tab, new JsonArray());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.getJsonObject(i);
            String field = r.getString("field", "");
            out.put(field.isEmpty() ? "#" + i : field.toLowerCase(Locale.ROOT), r);
        }
        return out;
    }

    private static boolean same(JsonObject a, JsonObject b) {
        return describe(a).equals(describe(b));
    }

    /** {@code Title ← job_title (overwrite)}, {@code LeadSource = "OnceHub"}. */
    static String describe(JsonObject row) {
        String field = row.getString("field", "");
        String value = row.getValue("value") == null ? "" : String.valueOf(row.getValue("value"));
        String from = row.getString("from", "");
        String source = !value.isEmpty() ? "= \"" + value + "\"" : "← " + from
                + (row.getString("type", "").isEmpty() || !SettingsForm.dynamic(from) ? "" : " (" + row.getString("type") + ")");
        String overwrite = row.containsKey("overwrite") ? (Boolean.TRUE.equals(row.getValue("overwrite")) ? ", overwrite" : ", fill blanks only") : "";
        return field + " " + source + overwrite;
    }

    private static JsonObject fallbacks(JsonObject form, String object) {
        return form.getJsonObject("fallbacks", new JsonObject()).getJsonObject(object, new JsonObject());
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
