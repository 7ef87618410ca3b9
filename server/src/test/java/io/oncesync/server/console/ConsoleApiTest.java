package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.MeetingMode;
import io.oncesync.engine.settings.Settings;
import io.oncesync.server.demo.Demo;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.inbox.AuditEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console's routes over HTTP, inside the running demo (local org, sample webhooks, writable rules). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the console over HTTP")
class ConsoleApiTest {
    private Demo demo;
    private Path settingsFile;

    @BeforeAll
    void start() throws Exception {
        assertThat(RouteModules.installed()).anyMatch(m -> m instanceof ConsoleModule);
        demo = Demo.start(new Demo.Settings("127.0.0.1", 0, 0), RouteModules.installed());
        assertThat(demo.sendSamples().ok()).isTrue();
        settingsFile = demo.app().policies().source().rulesDir().orElseThrow().resolve("settings.yaml");
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private ConsoleClient signedIn() throws Exception {
        ConsoleClient c = new ConsoleClient(demo.serverUrl());
        assertThat(c.signIn(demo.adminToken()).statusCode()).isEqualTo(200);
        return c;
    }

    private JsonObject form(ConsoleClient c) throws Exception {
        HttpResponse<String> r = c.get("/console/api/settings");
        assertThat(r.statusCode()).isEqualTo(200);
        return ConsoleClient.json(r).getJsonObject("form");
    }

    private List<AuditEntry> audit() {
        return demo.app().database().audit().list(null, 50);
    }

    @Test
    @DisplayName("without a session a change is answered 401 before its body is read (no buffer spent), and sign-in reads at most 8 KiB")
    void noBodyIsBufferedWithoutASession() throws Exception {
        URI server = URI.create(demo.serverUrl());
        for (String path : List.of("/console/api/settings/save", "/console/api/admin/rules/reload")) {
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(10_000);
                // declares 2 MB and sends none of it: only an answer that does not wait for the body can come back
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).as(path).isEqualTo("HTTP/1.1 401 Unauthorized");
            }
        }
        ConsoleClient anon = new ConsoleClient(demo.serverUrl());
        HttpResponse<String> big = anon.postWithoutCsrf("/console/api/sign-in",
                new JsonObject().put("token", "x".repeat(ConsoleRoutes.SIGN_IN_BODY_BYTES)));
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("a page without a session redirects to sign-in; the API answers 401; sign-in and assets are public")
    void noSession() throws Exception {
        ConsoleClient anon = new ConsoleClient(demo.serverUrl());
        for (String page : ConsoleRoutes.PAGES.keySet()) {
            HttpResponse<String> r = anon.get("/console/" + page);
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).hasValue("/console/sign-in?next=%2Fconsole%2F" + page);
        }
        assertThat(anon.get("/console").headers().firstValue("Location")).hasValue("/console/settings");
        assertThat(anon.get("/console/api/settings").statusCode()).isEqualTo(401);
        assertThat(anon.get("/console/api/admin/deliveries").statusCode()).isEqualTo(401);
        assertThat(anon.get("/console/api/session").statusCode()).isEqualTo(401);
        assertThat(anon.postWithoutCsrf("/console/api/settings/save", new JsonObject()).statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = anon.get("/console/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<script type=\"module\" src=\"/console/assets/js/sign-in.js\">");
        assertThat(anon.get("/console/assets/js/settings.js").statusCode()).isEqualTo(200);
        assertThat(anon.get("/console/assets/../page.html").statusCode()).isEqualTo(404);
        assertThat(anon.get("/console/assets/js/nope.js").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("every console response carries a strict CSP without inline script, nosniff and no framing")
    void securityHeaders() throws Exception {
        ConsoleClient c = signedIn();
        for (String path : List.of("/console/sign-in", "/console/settings", "/console/api/session", "/console/assets/console.css")) {
            HttpResponse<String> r = c.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(c.get("/console/api/session").headers().firstValue("Cache-Control")).hasValue("no-store");
        String page = c.get("/console/settings").body();
        assertThat(page).doesNotContain("<script>").contains("data-page=\"settings\"");
    }

    @Test
    @DisplayName("sign-in: a wrong token is refused and audited; the right one sets an HttpOnly SameSite=Strict cookie")
    void signIn() throws Exception {
        ConsoleClient c = new ConsoleClient(demo.serverUrl());
        HttpResponse<String> wrong = c.signIn("not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(audit()).anyMatch(a -> a.action().equals("console.sign-in") && a.outcome().equals("refused"));
        assertThat(c.send("POST", "/console/api/sign-in", "not json", false).statusCode()).isEqualTo(400);
        assertThat(c.send("POST", "/console/api/sign-in", "{\"method\":\"password\",\"token\":\"x\"}", false).statusCode())
                .isEqualTo(400);

        HttpResponse<String> ok = c.signIn(demo.adminToken());
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(ConsoleGuard.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict", "Path=/console").doesNotContainIgnoringCase("Secure");
        assertThat(ok.body()).doesNotContain(demo.adminToken());
        JsonObject session = ConsoleClient.json(c.get("/console/api/session"));
        assertThat(session.getString("identity")).isEqualTo("console:admin");
        assertThat(session.getString("csrf")).isEqualTo(c.csrf).hasSizeGreaterThan(40);

        ConsoleClient proxied = new ConsoleClient(demo.serverUrl());
        proxied.forwardedProto = "https";
        HttpResponse<String> https = proxied.signIn(demo.adminToken());
        assertThat(https.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
    }

    @Test
    @DisplayName("sign-out ends the session: the cookie no longer opens anything")
    void signOut() throws Exception {
        ConsoleClient c = signedIn();
        assertThat(c.postWithoutCsrf("/console/api/sign-out", null).statusCode()).isEqualTo(403);
        assertThat(c.post("/console/api/sign-out", null).statusCode()).isEqualTo(200);
        assertThat(c.get("/console/api/session").statusCode()).isEqualTo(401);
        assertThat(c.get("/console/settings").statusCode()).isEqualTo(302);
        assertThat(audit()).anyMatch(a -> a.action().equals("console.sign-out") && a.actor().equals("console:admin"));
    }

    @Test
    @DisplayName("the settings page's data: the form in force, org fields with labels and compatible choices, calendars and answers seen")
    void settingsPage() throws Exception {
        JsonObject page = ConsoleClient.json(signedIn().get("/console/api/settings"));
        assertThat(page.getBoolean("writable")).isTrue();
        assertThat(page.getString("validatedAgainst")).isEqualTo("connected org");
        JsonObject form = page.getJsonObject("form");
        assertThat(form.getString("meetings")).isEqualTo("Cases");
        assertThat(form.getJsonArray("caseCalendars")).contains("BKC-SUPPORT0001");
        JsonObject lead = page.getJsonObject("objects").getJsonObject("Lead");
        assertThat(lead.getJsonArray("fields").stream().map(JsonObject.class::cast))
                .anyMatch(f -> f.getString("name").equals("Company") && f.getBoolean("required") && !f.getString("label").isEmpty());
        assertThat(lead.getJsonObject("compatible").getJsonArray("email")).contains("Email").doesNotContain("NumberOfEmployees");
        assertThat(lead.getJsonObject("compatible").getJsonArray("number")).doesNotContain("Email");
        assertThat(page.getJsonArray("calendars").stream().map(JsonObject.class::cast))
                .anyMatch(c -> c.getString("id").equals("BKC-SUPPORT0001") && c.getString("name").equals("Customer Support"));
        assertThat(page.getJsonObject("properties").getJsonArray("contact").stream().map(JsonObject.class::cast))
                .anyMatch(p -> p.getString("name").startsWith("custom:") && p.getBoolean("seen", false));
    }

    @Test
    @DisplayName("check: an incompatible mapping is a problem pointing at its tab and row, with the diff")
    void checkPointsAtTheRow() throws Exception {
        ConsoleClient c = signedIn();
        JsonObject form = form(c);
        JsonArray leads = form.getJsonObject("mappings").getJsonArray("Leads");
        int email = indexOf(leads, "Email");
        leads.getJsonObject(email).put("from", "employees");
        JsonObject r = ConsoleClient.json(c.post("/console/api/settings/check", new JsonObject().put("form", form)));
        assertThat(r.getBoolean("valid")).isFalse();
        JsonObject problem = r.getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("message")).contains("cannot map employees (number) to Lead.Email");
        assertThat(problem.getJsonObject("at")).isEqualTo(new JsonObject().put("tab", "Leads").put("index", email));
        assertThat(r.getJsonArray("diff").getList()).anyMatch(d -> d.toString().startsWith("Leads: Email ← email"));
        assertThat(c.post("/console/api/settings/check", new JsonObject().put("form", new JsonObject().put("mappings", "x")))
                .statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("save: an invalid form is refused with problems and nothing is written; a change without CSRF is refused")
    void refusedSaves() throws Exception {
        ConsoleClient c = signedIn();
        String before = Files.readString(settingsFile);
        Settings inForce = demo.app().policies().snapshot().settings();
        JsonObject form = form(c);
        form.put("newContacts", "Contact");
        HttpResponse<String> noCsrf = c.postWithoutCsrf("/console/api/settings/save", new JsonObject().put("form", form));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(ConsoleClient.json(noCsrf).getString("type")).isEqualTo("urn:oncesync:problem:csrf");
        HttpResponse<String> wrongCsrf = c.send("POST", "/console/api/settings/save",
                new JsonObject().put("form", form).encode(), false);
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);

        form.getJsonObject("mappings").getJsonArray("Contacts").add(new JsonObject().put("field", "Birthdate")
                .put("from", "email").put("overwrite", false));
        form.getJsonObject("fallbacks").getJsonObject("Lead").put("NoSuchField__c", "x");
        HttpResponse<String> invalid = c.post("/console/api/settings/save", new JsonObject().put("form", form));
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonArray problems = ConsoleClient.json(invalid).getJsonArray("problems");
        assertThat(problems.stream().map(JsonObject.class::cast).map(p -> p.getJsonObject("at")))
                .contains(new JsonObject().put("tab", "Contacts").put("index", form.getJsonObject("mappings").getJsonArray("Contacts").size() - 1))
                .contains(new JsonObject().put("fallback", "Lead.NoSuchField__c"));
        assertThat(Files.readString(settingsFile)).isEqualTo(before);
        assertThat(demo.app().policies().snapshot().settings()).isSameAs(inForce);
        assertThat(audit()).anyMatch(a -> a.action().equals("settings.save") && a.outcome().equals("refused")
                && a.actor().equals("console:admin"));
    }

    @Test
    @DisplayName("save writes the file, puts it in force, keeps the previous version and audits the diff; roll back restores it")
    void saveAndRollBack() throws Exception {
        ConsoleClient c = signedIn();
        String before = Files.readString(settingsFile);
        JsonObject form = form(c);
        form.put("whenBothMatch", "MostRecent");
        HttpResponse<String> saved = c.post("/console/api/settings/save", new JsonObject().put("form", form));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonObject body = ConsoleClient.json(saved);
        assertThat(body.getJsonArray("diff").getList()).containsExactly("When a Lead and a Contact both match, prefer: Contact  →  MostRecent");
        assertThat(Files.readString(settingsFile)).contains("when-lead-and-contact-match: \"MostRecent\"")
                .as("mapping tabs written by object name, as fallbacks are").contains("\n  Lead:\n", "\n  Contact:\n")
                .doesNotContain("Leads:", "Contacts:", "Events:", "Cases:");
        assertThat(demo.app().policies().snapshot().settings().whenBothMatch().name()).isEqualTo("MOST_RECENT");
        AuditEntry entry = audit().get(0);
        assertThat(entry.action()).isEqualTo("settings.save");
        assertThat(entry.actor()).isEqualTo("console:admin");
        assertThat(entry.detail()).contains("MostRecent");

        String version = body.getJsonArray("versions").getJsonObject(0).getString("id");
        HttpResponse<String> back = c.post("/console/api/settings/rollback", new JsonObject().put("version", version));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(demo.app().policies().snapshot().settings().whenBothMatch().name()).isEqualTo("CONTACT");
        assertThat(audit().get(0).action()).isEqualTo("settings.rollback");
        assertThat(c.post("/console/api/settings/rollback", new JsonObject().put("version", "../../etc/passwd")).statusCode())
                .isEqualTo(404);
        assertThat(ConsoleClient.json(c.get("/console/api/settings/versions")).getJsonArray("versions").size()).isGreaterThanOrEqualTo(2);
        assertThat(before).isNotEmpty();
    }

    @Test
    @DisplayName("a save whose reload fails (a broken DRL beside it) leaves the previous settings file and settings in force")
    void brokenSaveKeepsPrevious() throws Exception {
        ConsoleClient c = signedIn();
        Path broken = settingsFile.resolveSibling("zz-broken.drl");
        String before = Files.readString(settingsFile);
        Settings inForce = demo.app().policies().snapshot().settings();
        JsonObject form = form(c);
        form.put("newContacts", "Contact");
        Files.writeString(broken, "package oncesync.broken;\nrule \"half\" when then nothing( end\n");
        try {
            HttpResponse<String> r = c.post("/console/api/settings/save", new JsonObject().put("form", form));
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(ConsoleClient.json(r).getJsonArray("problems").getJsonObject(0).getString("message"))
                    .contains("previous settings stay in force").contains("zz-broken.drl");
        } finally {
            Files.delete(broken);
        }
        assertThat(Files.readString(settingsFile)).isEqualTo(before);
        assertThat(demo.app().policies().snapshot().settings().newContactsAs()).isEqualTo(inForce.newContactsAs());
        assertThat(demo.app().policies().snapshot().settings().newContactsAs()).isEqualTo(SObjectType.LEAD);
    }

    @Test
    @DisplayName("try it decides a delivery with unsaved settings and writes nothing")
    void tryIt() throws Exception {
        ConsoleClient c = signedIn();
        JsonObject form = form(c);
        form.put("meetings", "Events");
        String eventId = "EVNT-DEMO0009";
        String stored = new String(demo.app().inbox().findByEventId(eventId).orElseThrow().rawBody(), java.nio.charset.StandardCharsets.UTF_8);
        String newBooking = stored.replace("BKNG-DEMO00009", "BKNG-TRYIT0001").replace(eventId, "EVNT-TRYIT0001");
        HttpResponse<String> r = c.post("/console/api/settings/try", new JsonObject().put("form", form).put("payload", newBooking));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject plan = ConsoleClient.json(r);
        assertThat(plan.getJsonArray("actions").stream().map(JsonObject.class::cast).map(a -> a.getString("object")))
                .contains("Event").doesNotContain("Case");
        assertThat(plan.getJsonArray("rulesFired")).isNotEmpty();
        assertThat(plan.getJsonArray("fieldOrigins")).isNotEmpty();
        assertThat(demo.app().policies().snapshot().settings().meetings()).isEqualTo(MeetingMode.CASES_FOR_SELECTED_CALENDARS);
        assertThat(demo.app().inbox().findByEventId("EVNT-TRYIT0001")).isEmpty();
        JsonObject recent = ConsoleClient.json(c.post("/console/api/settings/try", new JsonObject().put("form", form).put("delivery", eventId)));
        assertThat(recent.getJsonArray("actions")).isNotEmpty();
        assertThat(c.post("/console/api/settings/try", new JsonObject().put("form", form)).statusCode()).isEqualTo(400);
        assertThat(c.post("/console/api/settings/try", new JsonObject().put("form", form).put("delivery", "EVNT-NOPE")).statusCode())
                .isEqualTo(404);
        assertThat(c.post("/console/api/settings/try", new JsonObject().put("form", form).put("payload", "{\"id\": 3")).statusCode())
                .isEqualTo(422);
        JsonObject ignored = ConsoleClient.json(c.post("/console/api/settings/try", new JsonObject().put("form", form)
                .put("payload", "{\"id\": \"EVNT-X\", \"type\": \"page.viewed\", \"data\": {}}")));
        assertThat(ignored.getString("parse")).isNotEqualTo("accepted");
        form.getJsonObject("mappings").getJsonArray("Events").add(new JsonObject().put("field", "Nope__c").put("from", "subject"));
        assertThat(c.post("/console/api/settings/try", new JsonObject().put("form", form).put("delivery", eventId)).statusCode())
                .isEqualTo(422);
    }

    @Test
    @DisplayName("the other pages' routes answer with the session: receipt, dashboard, rules, scenarios, connect, admin API")
    void otherRoutes() throws Exception {
        ConsoleClient c = signedIn();
        JsonObject receipt = ConsoleClient.json(c.get("/console/api/receipt"));
        assertThat(receipt.getJsonObject("types").getInteger("booking.scheduled")).isGreaterThan(0);
        assertThat(receipt.getString("lastReceivedAt")).isNotNull();
        JsonObject dash = ConsoleClient.json(c.get("/console/api/dashboard"));
        assertThat(dash.getInteger("backlog")).isZero();
        assertThat(dash.getLong("latencyMedianMs")).isNotNull();
        JsonArray finished = dash.getJsonObject("perMinute").getJsonArray("finished");
        assertThat(finished).hasSize(StatusRoutes.MINUTES);
        assertThat(finished.stream().mapToInt(n -> (Integer) n).sum()).isGreaterThanOrEqualTo(9);
        assertThat(dash.getJsonObject("apiUsage").getBoolean("known")).isTrue();
        JsonObject files = ConsoleClient.json(c.get("/console/api/rules/files"));
        assertThat(files.getJsonArray("files").stream().map(JsonObject.class::cast).map(f -> f.getString("name")))
                .contains("identification.drl");
        JsonObject scenarios = ConsoleClient.json(c.post("/console/api/rules/scenarios", null));
        assertThat(scenarios.getLong("failed")).isZero();
        assertThat(scenarios.getLong("passed")).isPositive();
        assertThat(c.postWithoutCsrf("/console/api/rules/scenarios", null).statusCode()).isEqualTo(403);
        HttpResponse<String> connect = c.post("/console/api/connect", new JsonObject().put("host", "ftp://nope"));
        assertThat(connect.statusCode()).isEqualTo(400);
        HttpResponse<String> started = c.post("/console/api/connect", new JsonObject().put("host", "sandbox"));
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(ConsoleClient.json(started).getString("authorizeUrl")).contains("/services/oauth2/authorize", "code_challenge=");
        assertThat(audit().get(0).action()).isEqualTo("salesforce.connect");
        JsonObject deliveries = ConsoleClient.json(c.get("/console/api/admin/deliveries?status=APPLIED"));
        assertThat(deliveries.getJsonArray("items")).isNotEmpty();
        JsonObject connection = ConsoleClient.json(c.get("/console/api/admin/connection"));
        assertThat(connection.getString("state")).isEqualTo("CONNECTED");
        assertThat(connection.getString("apiVersion")).isEqualTo("65.0");
        assertThat(c.postWithoutCsrf("/console/api/admin/deliveries/replay-failed", null).statusCode()).isEqualTo(403);
        assertThat(c.post("/console/api/admin/deliveries/replay-failed", null).statusCode()).isEqualTo(200);
        assertThat(audit()).anyMatch(a -> a.action().equals("replay-all-failed") && a.actor().startsWith("console:admin"));
    }

    @Test
    @DisplayName("disconnect forgets the stored connection and is audited; a change without CSRF is refused")
    void disconnect() throws Exception {
        ConsoleClient c = signedIn();
        assertThat(c.postWithoutCsrf("/console/api/disconnect", null).statusCode()).isEqualTo(403);
        assertThat(demo.app().gateway().connector().connection()).isPresent();
        HttpResponse<String> r = c.post("/console/api/disconnect", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(demo.app().gateway().connector().connection()).isEmpty();
        assertThat(audit().get(0).action()).isEqualTo("salesforce.disconnect");
        demo.app().gateway().accept(demo.app().gateway().connector().connectWithClientCredentials());
        assertThat(demo.app().gateway().status().state().name()).isEqualTo("CONNECTED");
    }

    private static int indexOf(JsonArray rows, String field) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.getJsonObject(i).getString("field").equals(field)) {
                return i;
            }
        }
        throw new AssertionError("no row for " + field + " in " + rows);
    }
}
