package io.oncesync.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.admin.InboxFixture.Delivery;
import io.oncesync.server.policy.Policies;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.AuditFile;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.ops.AdminAuth;
import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API through a real HTTP client on a random port, with a real SQLite inbox, the rules in a directory and
 * Salesforce played by a local org reached through the Partner client.
 */
@DisplayName("the admin API")
class AdminApiTest {
    static final String TOKEN = "admin-token-for-tests-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static LocalOrg org;
    static InboxDatabase db;
    static Vertx vertx;
    static Policies policies;
    static Path rulesDir;
    static int locked;
    static int open;

    @BeforeAll
    static void start() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"Lead\":[{\"LastName\":\"Ortiz\",\"FirstName\":\"Ben\",\"Company\":\"Harbor Freight Co\","
                + "\"Email\":\"ben.ortiz@harbor.example\",\"Status\":\"Open - Not Contacted\"}]}");
        org = LocalOrg.builder().port(0).seed(seed).start();
        SecureRandom random = new SecureRandom();
        SalesforceConnector connector = new SalesforceConnector(new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()),
                null, new LoginHost(LoginHost.Kind.PRODUCTION, URI.create(org.baseUrl()))),
                TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(random)), random), ConnectionStore.inMemory(),
                PausePolicy.DEFAULT, HttpClient.newHttpClient(), Clock.systemUTC());
        SalesforceGateway gateway = new SalesforceGateway(connector, Clock.systemUTC(), Backoff.NONE);
        gateway.accept(connector.connectWithClientCredentials());

        db = InboxDatabase.sqlite(dir.resolve("data"), InboxOptions.defaults());
        InboxFixture.deliveries(db, List.of(
                Delivery.of("dead-listed", "BKNG-B", "bo@example.com"),
                Delivery.of("ok-applied", "BKNG-C", "4155550100"),
                Delivery.of("ok-other", "BKNG-D", "dee@example.com")));

        rulesDir = Files.createDirectories(dir.resolve("rules"));
        for (RuleSource s : RuleSource.bundled()) {
            Files.writeString(rulesDir.resolve(s.name()), s.text());
        }
        policies = Policies.load(new Policies.Source(Optional.of(rulesDir), Optional.empty()));
        vertx = Vertx.vertx();
        AdminRoutes.Org sf = AdminRoutes.Org.of(gateway);
        locked = serve(new AdminRoutes(new AdminAuth(Secret.of(TOKEN)), db.inbox(), db.deliveries(), db.audit(),
                db.ledger(), new LiveRules(LiveRules.of(policies), Optional.of(rulesDir), false,
                Clock.systemUTC()), sf));
        open = serve(new AdminRoutes(new AdminAuth(Secret.of(TOKEN)), db.inbox(), db.deliveries(), db.audit(),
                db.ledger(), new LiveRules(LiveRules.of(policies), Optional.of(rulesDir), true,
                Clock.systemUTC()), sf));
    }

    private static int serve(AdminRoutes routes) throws Exception {
        Router router = Router.router(vertx);
        routes.mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
        if (org != null) {
            org.close();
        }
    }

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    static Answer call(int port, String method, String path, String token, String body) throws Exception {
        return call(port, method, path, token, body, "application/json");
    }

    static Answer call(int port, String method, String path, String token, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Oncesync-Actor", "alice").timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    }

    static Answer get(String path) throws Exception {
        return call(locked, "GET", path, TOKEN, null);
    }

    static Answer post(String path, String body) throws Exception {
        return call(locked, "POST", path, TOKEN, body);
    }

    static String resource(String name) throws Exception {
        try (InputStream in = AdminApiTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static io.vertx.core.json.JsonArray auditFiles(int port, long id) throws Exception {
        Answer a = call(port, "GET", "/admin/audit/" + id + "/files", TOKEN, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().getJsonArray("files");
    }

    static JsonObject lastAudit() throws Exception {
        return get("/admin/audit?limit=1").json().getJsonArray("items").getJsonObject(0);
    }

    @Nested
    @DisplayName("authentication")
    class Authentication {
        @Test
        @DisplayName("answers 401 with a Bearer challenge without a token, on every admin path")
        void noToken() throws Exception {
            for (String path : List.of("/admin/deliveries", "/admin/audit", "/admin/connection", "/admin/nope")) {
                Answer a = call(locked, "GET", path, null, null);
                assertThat(a.status()).as(path).isEqualTo(401);
                assertThat(a.contentType()).isEqualTo("application/problem+json");
                assertThat(a.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"oncesync-admin\"");
            }
            assertThat(call(locked, "POST", "/admin/deliveries/replay-failed", null, null).status()).isEqualTo(401);
        }

        @Test
        @DisplayName("answers 403 for a wrong token and changes nothing")
        void wrongToken() throws Exception {
            InboxFixture.deliveries(db, List.of(Delivery.of("dead-wrong-token", "BKNG-W", "w@example.com")));
            Answer a = call(locked, "POST", "/admin/deliveries/dead-wrong-token/replay", "not-the-token", null);
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.json().getString("detail")).isEqualTo("the bearer token is not the admin token");
            assertThat(db.inbox().findByEventId("dead-wrong-token").orElseThrow().status()).isEqualTo(InboxStatus.DEAD);
        }

        @Test
        @DisplayName("answers an unknown admin path with a 404 problem once authenticated")
        void unknownPath() throws Exception {
            Answer a = get("/admin/nope");
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().getString("detail")).contains("GET /admin/nope");
        }
    }

    @Nested
    @DisplayName("deliveries")
    class Deliveries {
        @Test
        @DisplayName("lists newest first and filters by status, guest (email or phone as written) and booking")
        void filters() throws Exception {
            JsonArray all = get("/admin/deliveries").json().getJsonArray("items");
            assertThat(all.size()).isGreaterThanOrEqualTo(4);
            assertThat(all.getJsonObject(0).getLong("id")).isGreaterThan(all.getJsonObject(1).getLong("id"));
            assertThat(ids(get("/admin/deliveries?guest=Bo@Example.COM"))).containsExactly("dead-listed");
            assertThat(ids(get("/admin/deliveries?guest=%2B1%20(415)%20555-0100"))).isEmpty();
            assertThat(ids(get("/admin/deliveries?guest=415-555-0100"))).containsExactly("ok-applied");
            assertThat(ids(get("/admin/deliveries?booking=BKNG-D"))).containsExactly("ok-other");
            assertThat(ids(get("/admin/deliveries?status=applied"))).contains("ok-applied", "ok-other").doesNotContain("dead-listed");
        }

        @Test
        @DisplayName("pages with limit and a next link until the last page")
        void paging() throws Exception {
            JsonObject first = get("/admin/deliveries?status=APPLIED&limit=1").json();
            assertThat(first.getJsonArray("items")).hasSize(1);
            String next = first.getString("next");
            assertThat(next).startsWith("/admin/deliveries?").contains("status=APPLIED").contains("limit=1").contains("before=");
            JsonObject second = get(next).json();
            assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
        }

        @Test
        @DisplayName("rejects a bad filter with a 400 problem naming the parameter")
        void badFilters() throws Exception {
            Answer a = get("/admin/deliveries?status=LOST");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.contentType()).isEqualTo("application/problem+json");
            assertThat(a.json().getString("detail")).contains("status must be one of").contains("DEAD").contains("LOST");
            assertThat(get("/admin/deliveries?limit=0").status()).isEqualTo(400);
            assertThat(get("/admin/deliveries?before=x").json().getString("detail")).isEqualTo("before must be a number, got \"x\"");
        }

        @Test
        @DisplayName("shows one delivery by event id or inbox id: payload, plan, trace, Salesforce ids and errors")
        void detail() throws Exception {
            JsonObject d = get("/admin/deliveries/ok-applied").json();
            assertThat(d.getJsonObject("payload").getString("id")).isEqualTo("ok-applied");
            assertThat(d.getJsonObject("plan").getJsonArray("actions")).hasSize(1);
            assertThat(d.getJsonObject("trace").getJsonArray("rulesFired").getString(0)).isEqualTo("identification: y");
            assertThat(d.getJsonObject("salesforce").getString("personId")).isEqualTo("00Q000000000001AAA");
            assertThat(d.getJsonObject("salesforce").getJsonArray("recordIds").getString(0)).isEqualTo("00U000000000001AAA");
            JsonObject byId = get("/admin/deliveries/" + d.getLong("id")).json();
            assertThat(byId.getString("eventId")).isEqualTo("ok-applied");
            InboxFixture.deliveries(db, List.of(Delivery.of("dead-detail", "BKNG-E", "eve@example.com")));
            JsonObject dead = get("/admin/deliveries/dead-detail").json();
            assertThat(dead.getString("status")).isEqualTo("DEAD");
            assertThat(dead.getJsonArray("errors").getString(0)).isEqualTo("REQUIRED_FIELD_MISSING: Company");
            Answer missing = get("/admin/deliveries/nobody");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().getString("detail")).contains("nobody");
        }

        @Test
        @DisplayName("replays one failed delivery, audited with the actor; a delivery that did not fail gets 409")
        void replayOne() throws Exception {
            InboxFixture.deliveries(db, List.of(Delivery.of("dead-replay-one", "BKNG-A", "ann@example.com")));
            Answer a = post("/admin/deliveries/dead-replay-one/replay", null);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().getBoolean("replayed")).isTrue();
            assertThat(db.inbox().findByEventId("dead-replay-one").orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
            JsonObject audit = lastAudit();
            assertThat(audit.getString("action")).isEqualTo("replay");
            assertThat(audit.getString("actor")).as("the authenticated identity, not the header")
                    .startsWith("admin-token@");
            assertThat(audit.getString("detail")).endsWith("[unverified X-Oncesync-Actor: alice]");
            assertThat(audit.getString("outcome")).isEqualTo("ok");
            assertThat(audit.getString("at")).isNotBlank();

            Answer again = post("/admin/deliveries/ok-other/replay", null);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().getString("detail")).contains("is APPLIED");
            assertThat(lastAudit().getString("outcome")).isEqualTo("refused");
        }
    }

    @Nested
    @DisplayName("dry run")
    class DryRuns {
        @Test
        @DisplayName("decides a posted payload against the org and writes nothing")
        void dryRun() throws Exception {
            long before = org.apiCallsUsed();
            Answer a = post("/admin/dry-run", resource("oncesync/scenarios/golden/email-hit-on-lead/payload.json"));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonObject j = a.json();
            assertThat(j.getJsonArray("found")).hasSize(1);
            JsonObject person = j.getJsonArray("actions").getJsonObject(0);
            assertThat(person.getString("operation")).isEqualTo("UPDATE");
            assertThat(person.getString("recordId")).startsWith("00Q");
            assertThat(j.getJsonArray("rulesFired").getString(0)).isEqualTo("identification: Identify the guest by email");
            assertThat(org.apiCallsUsed()).isGreaterThan(before);
            assertThat(org.dumpJson()).doesNotContain("\"Event\" : [ {").doesNotContain("Intro call");
        }

        @Test
        @DisplayName("takes the payload as sent by curl -d (a form content type) too")
        void curlStyle() throws Exception {
            Answer a = call(locked, "POST", "/admin/dry-run", TOKEN,
                    resource("oncesync/scenarios/golden/email-hit-on-lead/payload.json"), "application/x-www-form-urlencoded");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().getString("parse")).isEqualTo("accepted");
        }

        @Test
        @DisplayName("answers a malformed payload with 422 naming the field, and an empty body with 400")
        void malformed() throws Exception {
            String bad = resource("oncesync/scenarios/golden/email-hit-on-lead/payload.json")
                    .replace("\"starting_time\": \"2026-07-01T15:00:00.000Z\"", "\"starting_time\": 7");
            Answer a = post("/admin/dry-run", bad);
            assertThat(a.status()).isEqualTo(422);
            assertThat(a.json().getString("detail")).startsWith("/data/starting_time");
            assertThat(post("/admin/dry-run", null).status()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("rules")
    class Rules {
        @Test
        @DisplayName("validates the rules directory against the connected org")
        void validateDirectory() throws Exception {
            JsonObject j = post("/admin/rules/validate", null).json();
            assertThat(j.getBoolean("valid")).isTrue();
            assertThat(j.getString("validatedAgainst")).isEqualTo("connected org");
            assertThat(j.getJsonArray("files")).contains("mapping.drl");
        }

        @Test
        @DisplayName("validates posted files and answers every problem with file and line")
        void validatePosted() throws Exception {
            JsonObject files = new JsonObject().put("mapping.drl", "package x;\nrule \"r\" when\n  Foo( ==\nthen end\n")
                    .put("settings.yaml", "mappings:\n  Lead:\n    - field: Nope__c\n      from: email\n");
            JsonObject j = post("/admin/rules/validate", new JsonObject().put("files", files).encode()).json();
            assertThat(j.getBoolean("valid")).isFalse();
            List<String> texts = j.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("text")).toList();
            assertThat(texts).anyMatch(t -> t.matches("mapping\\.drl:\\d+: .*"))
                    .contains("settings.yaml:3: Lead.Nope__c does not exist in the org");
            Answer bad = post("/admin/rules/validate", "{\"files\": {\"../etc/passwd\": \"x\"}}");
            assertThat(bad.status()).isEqualTo(400);
        }

        @Test
        @DisplayName("reload keeps the rules in force when the directory is broken, answers file:line, and audits both outcomes")
        void reload() throws Exception {
            RuleBook inForce = policies.snapshot().rules();
            Path broken = rulesDir.resolve("zz-broken.drl");
            Files.writeString(broken, "package oncesync.rules;\nrule \"half\" when\n  Nope( x ==\nthen end\n");
            try {
                Answer refused = post("/admin/rules/reload", null);
                assertThat(refused.status()).isEqualTo(422);
                assertThat(refused.contentType()).isEqualTo("application/problem+json");
                assertThat(refused.json().getJsonArray("problems").getJsonObject(0).getString("text"))
                        .matches(".*zz-broken\\.drl:\\d+: .*");
                assertThat(policies.snapshot().rules()).isSameAs(inForce);
                assertThat(lastAudit().getString("outcome")).isEqualTo("refused");
            } finally {
                Files.delete(broken);
            }
            Answer ok = post("/admin/rules/reload", null);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().getBoolean("applied")).isTrue();
            assertThat(policies.snapshot().rules()).isNotSameAs(inForce);
            JsonObject audit = lastAudit();
            assertThat(audit.getString("action")).isEqualTo("rules.reload");
            assertThat(audit.getString("outcome")).isEqualTo("ok");
            assertThat(audit.getString("actor")).as("the authenticated identity, not the header")
                    .startsWith("admin-token@");
            assertThat(audit.getString("detail")).endsWith("[unverified X-Oncesync-Actor: alice]");
        }

        @Test
        @DisplayName("refuses uploads with 403 naming ONCESYNC_RULES_UPLOAD_ENABLED while it is off, and audits the attempt")
        void uploadDisabled() throws Exception {
            Answer a = post("/admin/rules/upload", "{\"files\": {\"x.drl\": \"package x;\"}}");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.json().getString("detail")).contains("ONCESYNC_RULES_UPLOAD_ENABLED=true");
            assertThat(rulesDir.resolve("x.drl")).doesNotExist();
            JsonObject audit = lastAudit();
            assertThat(audit.getString("action")).isEqualTo("rules.upload");
            assertThat(audit.getString("outcome")).isEqualTo("refused");
        }

        @Test
        @DisplayName("when enabled, an upload that does not validate writes nothing; a good one is written and put in force")
        void uploadEnabled() throws Exception {
            String bad = new JsonObject().put("files", new JsonObject().put("settings.yaml",
                    "mappings:\n  Lead:\n    - field: Nope__c\n      from: email\n")).encode();
            Answer refused = call(open, "POST", "/admin/rules/upload", TOKEN, bad);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(rulesDir.resolve("settings.yaml")).doesNotExist();
            JsonObject refusedFile = auditFiles(open, lastAudit().getLong("id")).getJsonObject(0);
            assertThat(refusedFile.getString("file")).isEqualTo("settings.yaml");
            assertThat(refusedFile.getString("content")).contains("Nope__c");
            assertThat(refusedFile.getString("sha256")).isEqualTo(AuditFile.sha256(refusedFile.getString("content")));
            assertThat(refusedFile.getString("previousContent")).isNull();

            String good = new JsonObject().put("files", new JsonObject().put("settings.yaml", "new-contacts: Contact\n")).encode();
            Answer ok = call(open, "POST", "/admin/rules/upload", TOKEN, good);
            try {
                assertThat(ok.status()).as(ok.body()).isEqualTo(200);
                assertThat(Files.readString(rulesDir.resolve("settings.yaml"))).isEqualTo("new-contacts: Contact\n");
                assertThat(policies.snapshot().settings().newContactsAs().apiName()).isEqualTo("Contact");
                assertThat(lastAudit().getString("target")).isEqualTo("settings.yaml");
                String again = new JsonObject().put("files", new JsonObject().put("settings.yaml", "new-contacts: Lead\n")).encode();
                assertThat(call(open, "POST", "/admin/rules/upload", TOKEN, again).status()).isEqualTo(200);
                JsonObject entry = lastAudit();
                assertThat(entry.getString("actor")).startsWith("admin-token@");
                JsonObject replaced = auditFiles(open, entry.getLong("id")).getJsonObject(0);
                assertThat(replaced.getString("content")).isEqualTo("new-contacts: Lead\n");
                assertThat(replaced.getString("previousContent")).isEqualTo("new-contacts: Contact\n");
                assertThat(replaced.getString("previousSha256")).isEqualTo(AuditFile.sha256("new-contacts: Contact\n"));
                assertThat(entry.getString("detail")).contains("sha256:" + AuditFile.sha256("new-contacts: Lead\n"));
            } finally {
                Files.deleteIfExists(rulesDir.resolve("settings.yaml"));
                policies.reload();
            }
        }
    }

    @Nested
    @DisplayName("Salesforce")
    class Salesforce {
        @Test
        @DisplayName("lists the org's mappable fields per OnceHub property type, and its required fields")
        void fields() throws Exception {
            JsonObject options = get("/admin/mapping-options?object=Lead").json().getJsonObject("Lead");
            assertThat(names(options.getJsonArray("email"))).contains("Email");
            assertThat(names(options.getJsonArray("boolean"))).doesNotContain("Email");
            JsonObject required = get("/admin/required-fields?object=lead").json();
            assertThat(names(required.getJsonArray("Lead"))).contains("LastName", "Company");
            assertThat(get("/admin/required-fields").json().fieldNames()).contains("Lead", "Contact", "Event", "Case");
            assertThat(get("/admin/mapping-options?object=Opportunity").status()).isEqualTo(400);
        }

        @Test
        @DisplayName("shows the connection and the API usage")
        void connection() throws Exception {
            JsonObject c = get("/admin/connection").json();
            assertThat(c.getString("state")).isEqualTo("CONNECTED");
            assertThat(c.getJsonObject("org").getString("username")).isEqualTo("admin@localorg.test");
            assertThat(c.encode()).doesNotContain(org.clientSecret());
            get("/admin/required-fields?object=Lead");
            JsonObject usage = get("/admin/connection").json().getJsonObject("apiUsage");
            assertThat(usage.getBoolean("known")).isTrue();
            assertThat(usage.getLong("limit")).isEqualTo(15_000L);
            assertThat(usage.getLong("remaining")).isEqualTo(15_000L - usage.getLong("used"));
        }
    }

    @Test
    @DisplayName("replays every failed delivery at once and audits it")
    void replayAllFailed() throws Exception {
        InboxFixture.deliveries(db, List.of(Delivery.of("dead-replay-all", "BKNG-R", "rae@example.com")));
        Answer a = post("/admin/deliveries/replay-failed", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().getInteger("replayed")).isGreaterThanOrEqualTo(1);
        assertThat(db.inbox().findByEventId("dead-replay-all").orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
        JsonObject audit = lastAudit();
        assertThat(audit.getString("action")).isEqualTo("replay-all-failed");
        assertThat(audit.getString("detail")).contains("failed deliveries are due again");
    }

    @Test
    @DisplayName("the audit log pages newest first")
    void auditPaging() throws Exception {
        post("/admin/deliveries/replay-failed", null);
        post("/admin/deliveries/replay-failed", null);
        JsonObject first = get("/admin/audit?limit=1").json();
        JsonObject second = get(first.getString("next")).json();
        assertThat(second.getJsonArray("items").getJsonObject(0).getLong("id"))
                .isLessThan(first.getJsonArray("items").getJsonObject(0).getLong("id"));
    }

    private static List<String> ids(Answer a) {
        return ids(a.json());
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("eventId")).toList();
    }

    private static List<String> names(JsonArray fields) {
        return fields.stream().map(o -> ((JsonObject) o).getString("name")).toList();
    }
}
