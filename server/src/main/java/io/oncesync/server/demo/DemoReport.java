package io.oncesync.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's closing report: what was sent and what each event became (with the rules that decided it), what
 * Salesforce holds now read back through the Partner API, and where to look next.
 */
final class DemoReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Demo demo;
    private final PrintStream out;

    DemoReport(Demo demo, PrintStream out) {
        this.demo = demo;
        this.out = out;
    }

    void print(Demo.Result result) throws ConnectionException {
        out.println();
        out.println("The local OnceHub (" + demo.oncehubUrl() + ") delivered " + result.deliveries().size()
                + " signed webhooks to the subscription oncesync created for " + demo.serverUrl() + "/webhooks/oncehub:");
        out.println();
        Set<String> people = new LinkedHashSet<>();
        Set<String> meetings = new LinkedHashSet<>();
        int n = 0;
        for (Demo.Delivery d : result.deliveries()) {
            n++;
            JsonNode trace = d.entry().map(InboxEntry::decisionTrace).map(DemoReport::json).orElse(JSON.createObjectNode());
            String status = d.status().map(s -> s.name().toLowerCase()).orElse("not stored");
            out.printf("%2d  %-28s %-20s HTTP %d %-10s -> %s%n", n, d.sample().title(), type(d.sample()),
                    d.answer().status(), answerStatus(d.answer()), status);
            for (JsonNode o : trace.path("outcomes")) {
                String id = o.path("id").asText("");
                out.printf("      %-8s %-8s %s%s%n", o.path("object").asText(), o.path("result").asText(), id,
                        o.has("statusCode") ? " " + o.path("statusCode").asText() + ": " + o.path("message").asText() : "");
                if (!id.isEmpty()) {
                    (id.startsWith("00Q") || id.startsWith("003") ? people : meetings).add(id);
                }
            }
            if (trace.has("rulesFired")) {
                out.println("      decided by: " + decidingRules(trace));
            }
            d.entry().map(InboxEntry::lastError).filter(e -> e != null && !e.isBlank())
                    .ifPresent(e -> out.println("      error: " + e));
            d.entry().filter(e -> e.status() == InboxStatus.IGNORED && e.decisionTrace() != null)
                    .ifPresent(e -> out.println("      why: " + e.decisionTrace().lines().findFirst().orElse("")
                            .replaceFirst("^ignored: ", "")));
            d.entry().ifPresent(e -> {
                if (e.personId() != null) {
                    people.add(e.personId());
                }
                meetings.addAll(e.recordIds());
            });
        }
        out.println();
        out.println("What Salesforce holds now (read back through the Partner API):");
        PartnerConnection sf = demo.salesforce();
        Map<String, String> names = new LinkedHashMap<>();
        printPeople(sf, "Lead", people, names);
        printPeople(sf, "Contact", people, names);
        printMeetings(sf, meetings, names);
        out.println();
        String url = demo.serverUrl();
        out.println("Try it:");
        out.println("  server         " + url + "   (webhooks: POST /webhooks/oncehub)");
        out.println("  readiness      curl " + url + "/ready");
        out.println("  metrics        curl -s " + url + "/metrics | grep '^oncesync_'");
        out.println("  console        " + url + "/console   (sign in with the admin token below)");
        out.println("                 sign-in link: " + demo.signInLink());
        out.println("  admin API      " + url + "/admin   token: " + demo.adminToken());
        List<String> routes = demo.app().adminRoutes().stream().filter(r -> !r.startsWith("ANY ")).toList();
        String example = routes.contains("GET /admin/deliveries") ? "/admin/deliveries" : "/connect/salesforce/status";
        out.println("                 curl -H 'Authorization: Bearer " + demo.adminToken() + "' " + url + example);
        routes.forEach(r -> out.println("                 " + r));
        out.println("  local org      " + demo.org().baseUrl() + "   (all records: curl " + demo.org().baseUrl() + "/_localorg/dump)");
        out.println("                 login " + demo.org().adminUsername() + ", client id " + demo.org().clientId());
        out.println("  local OnceHub  " + demo.oncehubUrl() + "   (state: curl " + demo.oncehubUrl() + "/_localoncehub/state)");
        out.println("  rules          " + demo.dataDir().resolve("rules") + " (a writable copy: the console saves settings.yaml here)");
        out.println("  data dir       " + demo.dataDir() + " (deleted on exit)");
    }

    private static String type(DemoWebhooks.Sample s) {
        try {
            return JSON.readTree(s.body()).path("type").asText();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String answerStatus(WebhookClient.Answer a) {
        JsonNode n = json(a.body());
        return n.has("status") && n.path("status").isTextual() ? n.path("status").asText() : "";
    }

    private static JsonNode json(String s) {
        try {
            if (s != null && s.startsWith("ignored: ")) {
                int json = s.indexOf('\n');
                s = json < 0 ? null : s.substring(json + 1);   // the store prefixes the reason to the trace
            }
            return s == null || s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The rules that chose the guest and the meeting, plus how many mapping rules filled fields. */
    static String decidingRules(JsonNode trace) {
        Set<String> chosen = new LinkedHashSet<>();
        int mapping = 0;
        for (JsonNode r : trace.path("rulesFired")) {
            String rule = r.asText();
            if (rule.startsWith("mapping:") || rule.startsWith("overwrite:") || rule.startsWith("fallback:")) {
                mapping++;
            } else {
                chosen.add(rule.replaceFirst("^[a-z-]+: ", ""));
            }
        }
        return String.join(" / ", chosen) + (mapping > 0 ? " (+" + mapping + " mapping/overwrite/fallback rules)" : "");
    }

    private void printPeople(PartnerConnection sf, String object, Set<String> ids, Map<String, String> names)
            throws ConnectionException {
        String prefix = object.equals("Lead") ? "00Q" : "003";
        List<String> mine = ids.stream().filter(id -> id.startsWith(prefix)).toList();
        String extra = object.equals("Lead") ? ", Company, LeadSource" : ", LeadSource";
        List<SObject> rows = query(sf, "SELECT Id, FirstName, LastName, Email, Phone, MobilePhone, Title" + extra
                + ", CreatedDate, LastModifiedDate FROM " + object, mine);
        out.println("  " + object + "s (" + rows.size() + ")");
        for (SObject r : rows) {
            String name = (text(r, "FirstName").isEmpty() ? "" : text(r, "FirstName") + " ") + text(r, "LastName");
            names.put(r.getId().substring(0, 15), name);
            StringBuilder line = new StringBuilder("    ").append(r.getId()).append("  ").append(name);
            for (String f : List.of("Email", "Phone", "MobilePhone", "Company", "Title", "LeadSource")) {
                if (!text(r, f).isEmpty()) {
                    line.append("  ").append(f).append('=').append(text(r, f));
                }
            }
            boolean created = text(r, "CreatedDate").equals(text(r, "LastModifiedDate"));
            out.println(line.append(created ? "  [created]" : "  [updated]"));
        }
    }

    private void printMeetings(PartnerConnection sf, Set<String> ids, Map<String, String> names)
            throws ConnectionException {
        List<SObject> events = query(sf, "SELECT Id, Subject, StartDateTime, EndDateTime, WhoId, Location FROM Event",
                ids.stream().filter(id -> id.startsWith("00U")).toList());
        out.println("  Events (" + events.size() + ")");
        for (SObject r : events) {
            out.println("    " + r.getId() + "  \"" + text(r, "Subject") + "\"  " + text(r, "StartDateTime") + " to "
                    + text(r, "EndDateTime") + "  who: " + who(text(r, "WhoId"), names));
        }
        List<SObject> cases = query(sf, "SELECT Id, Subject, Status, Origin, ContactId FROM Case",
                ids.stream().filter(id -> id.startsWith("500")).toList());
        out.println("  Cases (" + cases.size() + ")");
        for (SObject r : cases) {
            out.println("    " + r.getId() + "  \"" + text(r, "Subject") + "\"  Status=" + text(r, "Status") + "  Origin="
                    + text(r, "Origin") + "  contact: " + who(text(r, "ContactId"), names));
        }
    }

    private static String who(String id, Map<String, String> names) {
        if (id.isEmpty()) {
            return "-";
        }
        String name = names.get(id.length() >= 15 ? id.substring(0, 15) : id);
        return (name == null ? "" : name + " ") + "(" + id + ")";
    }

    private static List<SObject> query(PartnerConnection sf, String select, List<String> ids) throws ConnectionException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", ids.stream().map(id -> "'" + id.replaceAll("[^A-Za-z0-9]", "") + "'").toList());
        QueryResult r = sf.query(select + " WHERE Id IN (" + in + ") ORDER BY CreatedDate");
        List<SObject> out = new ArrayList<>(List.of(r.getRecords()));
        while (!r.isDone()) {
            r = sf.queryMore(r.getQueryLocator());
            out.addAll(List.of(r.getRecords()));
        }
        return out;
    }

    private static String text(SObject r, String field) {
        Object v = r.getField(field);
        return v == null ? "" : v.toString();
    }
}
