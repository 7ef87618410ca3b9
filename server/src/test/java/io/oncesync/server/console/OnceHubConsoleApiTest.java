package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localoncehub.Webhook;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.app.Harness;
import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.AuditEntry;
import io.oncesync.server.inbox.DeliveryFilter;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.oncehub.OnceHubClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OnceHub subscription through the admin API ({@code /admin/oncehub}, bearer token) and the console API
 * ({@code /console/api/oncehub}, session and CSRF token), against a local OnceHub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the OnceHub subscription over the admin and console APIs")
class OnceHubConsoleApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private OnceHubStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = OnceHubStack.start();
    }

    @AfterEach
    void clearFaults() {
        stack.hub.faults().clear();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> admin(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConsoleClient signedIn() throws Exception {
        ConsoleClient c = new ConsoleClient(stack.url());
        assertThat(c.signIn(Harness.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        return c;
    }

    private AuditEntry lastAudit(OncesyncApp app, String action) {
        return app.database().audit().list(null, 50).stream().filter(e -> e.action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit entry " + action));
    }

    /** Neither the API key nor any signing secret oncesync accepts. */
    private void assertNoSecretIn(String body) {
        assertThat(body).doesNotContain(stack.hub.apiKey());
        for (WebhookSecret s : stack.app.oncehub().orElseThrow().secrets().current()) {
            assertThat(body).doesNotContain(s.value());
        }
    }

    @Test
    @DisplayName("no token is a 401 and a wrong one a 403; the console needs a session, and a change its CSRF token")
    void guarded() throws Exception {
        assertThat(admin("GET", "/admin/oncehub", null).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/admin/oncehub/watch", null).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/admin/oncehub/rotate-secret", "wrong-token").statusCode()).isEqualTo(403);
        ConsoleClient anon = new ConsoleClient(stack.url());
        assertThat(anon.get("/console/api/oncehub").statusCode()).isEqualTo(401);
        assertThat(anon.postWithoutCsrf("/console/api/oncehub/reconcile", null).statusCode()).isEqualTo(401);

        String before = stack.activeWebhook().orElseThrow().id();
        ConsoleClient c = signedIn();
        for (String action : List.of("watch", "reconcile", "rotate-secret")) {
            HttpResponse<String> r = c.postWithoutCsrf("/console/api/oncehub/" + action, null);
            assertThat(r.statusCode()).as(action).isEqualTo(403);
            assertThat(ConsoleClient.json(r).getString("type")).isEqualTo("urn:oncesync:problem:csrf");
        }
        assertThat(stack.activeWebhook().orElseThrow().id()).as("the refused rotation changed nothing").isEqualTo(before);
    }

    @Test
    @DisplayName("GET shows the subscription, the secret overlap, reconciliation and the calendars, and no secret")
    void status() throws Exception {
        HttpResponse<String> r = admin("GET", "/admin/oncehub", Harness.ADMIN_TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject o = new JsonObject(r.body());
        assertThat(o.getBoolean("configured")).isTrue();
        JsonObject s = o.getJsonObject("subscription");
        Webhook w = stack.activeWebhook().orElseThrow();
        assertThat(s.getString("state")).isIn("CREATED", "OK", "RECREATED");
        assertThat(s.getString("endpoint")).isEqualTo(stack.url() + "/webhooks/oncehub");
        assertThat(s.getString("checkedAt")).isNotNull();
        assertThat(s.getJsonObject("webhook").getString("id")).isEqualTo(w.id());
        assertThat(s.getJsonObject("webhook").getString("url")).isEqualTo(stack.url() + "/webhooks/oncehub");
        assertThat(s.getJsonObject("webhook").getJsonArray("events").getList()).contains("booking.scheduled");
        assertThat(o.getJsonObject("secrets").getLong("overlapSeconds")).isEqualTo(259_200L);
        JsonObject rec = o.getJsonObject("reconciliation");
        assertThat(rec.getString("watermark")).as("the first poll starts the watermark").isNotNull();
        assertThat(rec.getLong("pollIntervalSeconds")).isEqualTo(900L);
        assertThat(o.getJsonObject("bookingCalendars").getJsonArray("calendars").stream()
                .map(c -> ((JsonObject) c).getString("id"))).contains("BKC-SALES00001");
        assertNoSecretIn(r.body());
        HttpResponse<String> console = signedIn().get("/console/api/oncehub");
        assertThat(new JsonObject(console.body()).getJsonObject("subscription").getJsonObject("webhook").getString("id"))
                .as("the console answers the same").isEqualTo(w.id());
    }

    @Test
    @DisplayName("POST watch re-creates a subscription deleted in OnceHub, says what it found, and is audited")
    void watchRecreates() throws Exception {
        Webhook before = stack.activeWebhook().orElseThrow();
        assertThat(stack.hub.deleteWebhook(before.id())).isTrue();
        HttpResponse<String> r = admin("POST", "/admin/oncehub/watch", Harness.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject o = new JsonObject(r.body());
        assertThat(o.getString("found")).isEqualTo("MISSING");
        String created = o.getJsonObject("recreated").getString("id");
        assertThat(created).isNotEqualTo(before.id());
        assertThat(stack.activeWebhook().map(Webhook::id)).as("the local OnceHub has it again").hasValue(created);
        assertThat(o.getJsonObject("oncehub").getJsonObject("subscription").getString("state")).isEqualTo("RECREATED");
        assertNoSecretIn(r.body());
        AuditEntry a = lastAudit(stack.app, "oncehub.watch");
        assertThat(a.actor()).isEqualTo("admin-token@127.0.0.1");
        assertThat(a.outcome()).isEqualTo("ok");
        assertThat(a.detail()).contains("was MISSING", "re-created as " + created);
    }

    @Test
    @DisplayName("POST reconcile from the console queues a booking whose webhook was lost, answers its report, audited")
    void reconcileFromConsole() throws Exception {
        String booking = stack.missedBooking("missed@reconcile.example");
        HttpResponse<String> r = signedIn().post("/console/api/oncehub/reconcile", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = ConsoleClient.json(r).getJsonObject("report");
        assertThat(report.getInteger("queued")).as(report.encode()).isGreaterThanOrEqualTo(1);
        assertThat(report.getInteger("seen")).isGreaterThanOrEqualTo(1);
        assertThat(stack.app.database().deliveries().search(DeliveryFilter.all(500))).as("queued " + booking)
                .anyMatch(e -> e.eventId().startsWith("poll:" + booking + "@"));
        JsonObject last = ConsoleClient.json(r).getJsonObject("oncehub").getJsonObject("reconciliation");
        assertThat(last.getJsonObject("lastReport").getInteger("queued")).isEqualTo(report.getInteger("queued"));
        AuditEntry a = lastAudit(stack.app, "oncehub.reconcile");
        assertThat(a.actor()).isEqualTo("console:admin");
        assertThat(a.detail()).contains(report.getInteger("queued") + " queued for Salesforce");
    }

    @Test
    @DisplayName("POST rotate-secret replaces the subscription, keeps the old secret for the overlap, and is audited")
    void rotate() throws Exception {
        String before = stack.activeWebhook().orElseThrow().id();
        List<WebhookSecret> secretsBefore = stack.app.oncehub().orElseThrow().secrets().current();
        Instant asked = Instant.now();
        HttpResponse<String> r = signedIn().post("/console/api/oncehub/rotate-secret", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject o = ConsoleClient.json(r);
        String after = o.getJsonObject("webhook").getString("id");
        assertThat(after).isNotEqualTo(before);
        assertThat(stack.activeWebhook().map(Webhook::id)).hasValue(after);
        Instant until = Instant.parse(o.getString("oldSecretAcceptedUntil"));
        assertThat(until).isAfter(asked.plus(Duration.ofHours(71)));
        JsonObject secrets = o.getJsonObject("oncehub").getJsonObject("secrets");
        assertThat(secrets.getBoolean("oldSecretAccepted")).isTrue();
        assertThat(stack.app.oncehub().orElseThrow().secrets().current()).as("old and new accepted")
                .containsAll(secretsBefore).hasSizeGreaterThan(secretsBefore.size());
        assertNoSecretIn(r.body());
        AuditEntry a = lastAudit(stack.app, "oncehub.rotate-secret");
        assertThat(a.target()).isEqualTo(after);
        assertThat(a.actor()).isEqualTo("console:admin");
    }

    @Test
    @DisplayName("OnceHub answering 429 past the client's retries is a 503 problem naming the rate limit, not a 500")
    void rateLimited() throws Exception {
        stack.app.oncehub().orElseThrow().reconcileNow(); // after any pass already queued (a re-creation's poll)
        stack.hub.faults().api429Next(OnceHubClient.MAX_ATTEMPTS, 1);
        HttpResponse<String> r = admin("POST", "/admin/oncehub/reconcile", Harness.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getString("type")).isEqualTo("urn:oncesync:problem:oncehub-rate-limited");
        assertThat(p.getString("detail")).contains("HTTP 429");
        assertNoSecretIn(r.body());
        AuditEntry a = lastAudit(stack.app, "oncehub.reconcile");
        assertThat(a.outcome()).isEqualTo("failed");
        assertThat(a.detail()).contains("HTTP 429");
        JsonObject status = new JsonObject(admin("GET", "/admin/oncehub", Harness.ADMIN_TOKEN).body());
        assertThat(status.getJsonObject("reconciliation").getString("lastError")).contains("HTTP 429");
    }

    @Test
    @DisplayName("without an OnceHub API key GET says how to configure it and each POST is a 409 problem, audited")
    void notConfigured() throws Exception {
        Path dir = Files.createTempDirectory("oncesync-no-oncehub-");
        try (OncesyncApp app = OncesyncApp.start(ConfigLoader.load(Harness.env(stack.org, dir, 0), Optional.empty(),
                ConfigLoader.Purpose.SERVE), Harness.testOptions().withModules(RouteModules.installed()))) {
            ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + app.port());
            assertThat(c.signIn(Harness.ADMIN_TOKEN).statusCode()).isEqualTo(200);
            JsonObject o = ConsoleClient.json(c.get("/console/api/oncehub"));
            assertThat(o.getBoolean("configured")).isFalse();
            assertThat(o.getString("howToConfigure")).contains("ONCESYNC_ONCEHUB_API_KEY",
                    "oncesync oncehub connect --api-key-stdin", "docs/operations.md");
            for (String action : List.of("watch", "reconcile", "rotate-secret")) {
                HttpResponse<String> r = c.post("/console/api/oncehub/" + action, null);
                assertThat(r.statusCode()).as(action).isEqualTo(409);
                assertThat(ConsoleClient.json(r).getString("type")).isEqualTo("urn:oncesync:problem:oncehub-not-configured");
                AuditEntry a = lastAudit(app, "oncehub." + action);
                assertThat(a.outcome()).isEqualTo("refused");
            }
        } finally {
            Harness.deleteTree(dir);
        }
    }
}
