package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.work.PipelineState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Salesforce pauses as an operator meets them, through the real server and the local org: a blip costs seconds,
 * a pause is visible everywhere (/ready's body, /metrics, the admin API) without making the service unready, a
 * paused delivery can be replayed, and an admin can end a pause at once.
 */
@DisplayName("End to end, Salesforce pauses")
class SalesforcePauseEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    /** The production pause policy (30 min after a limit, 1 min after an outage) under the configured schedule. */
    private static OncesyncApp.Options productionPauses() {
        return Harness.testOptions().withPauses(PausePolicy.DEFAULT).withConnections(ConnectionStore.inMemory())
                .withModules(RouteModules.installed());
    }

    @Test
    @DisplayName("one dropped connection pauses syncing for seconds, not a minute, and the event is then applied")
    void blipCostsSeconds() throws Exception {
        try (Harness h = Harness.start(productionPauses(), Map.of(ConfigKey.SF_PAUSE_MIN_SECONDS.envName(), "2"))) {
            h.org.faults().dropConnectionsNext(1);
            AtomicReference<Duration> pause = new AtomicReference<>();
            send(h, "BLIP", 0);
            Harness.awaitTrue(() -> {
                PipelineState s = h.app.workers().state();
                if (s.paused()) {
                    pause.compareAndSet(null, Duration.between(Instant.now(), s.pausedUntil()));
                }
                return pause.get() != null || appliedNow(h, "EVNT-BLIP0000");
            }, Duration.ofSeconds(30), () -> "never paused: " + h.app.workers().state());
            assertThat(pause.get()).as("the dropped connection paused syncing").isNotNull();
            assertThat(pause.get()).as("the first pause of a run of failures").isLessThanOrEqualTo(Duration.ofSeconds(2));
            InboxEntry e = h.awaitSettled(List.of("EVNT-BLIP0000"), Duration.ofSeconds(30)).get("EVNT-BLIP0000");
            assertThat(e.status()).isEqualTo(InboxStatus.APPLIED);
            assertThat(e.attempts()).as("a pause does not spend an attempt").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("an API-limit pause keeps /ready 200 with the degraded reason, shows in /metrics and the admin API,"
            + " lets a paused delivery be replayed, and ends at once on POST /admin/sync/resume")
    void limitPauseIsVisibleAndCanBeEnded() throws Exception {
        try (Harness h = Harness.start(productionPauses(), Map.of(ConfigKey.SF_PAUSE_MIN_SECONDS.envName(), "4"))) {
            h.org.faults().exhaustApiLimit();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(send(h, "LIMP", i));
            }
            // The pauses grow (2-4 s, 4-8 s, 8-16 s…): wait for one with time left to look at it.
            Harness.awaitTrue(() -> remaining(h).compareTo(Duration.ofSeconds(5)) > 0, Duration.ofSeconds(90),
                    () -> "no long pause: " + h.app.workers().state());
            PipelineState paused = h.app.workers().state();
            assertThat(paused.pauseReason()).contains("limit");

            HttpResponse<String> ready = get(h, "/ready", null);
            assertThat(ready.statusCode()).as("webhooks are still accepted while syncing is paused").isEqualTo(200);
            JsonObject body = new JsonObject(ready.body());
            assertThat(body.getString("status")).isEqualTo("degraded");
            assertThat(body.getJsonArray("degraded").getString(0)).startsWith("salesforce: ")
                    .contains("syncing paused until").contains("limit");
            // one end time, the pause's own: the reason does not carry a second one that could disagree with it
            assertThat(body.getJsonArray("degraded").getString(0).split("until", -1)).hasSize(2);
            assertThat(paused.pauseReason()).doesNotContain("until");
            assertThat(body.containsKey("checks")).as("details only for the admin").isFalse();
            assertThat(h.app.metrics().scrape()).contains("oncesync_sync_paused 1.0");

            JsonObject connection = new JsonObject(get(h, "/admin/connection", Harness.ADMIN_TOKEN).body());
            assertThat(connection.getJsonObject("sync").getString("state")).isEqualTo("PAUSED");
            assertThat(connection.getJsonObject("sync").getString("reason")).contains("limit");
            JsonArray items = new JsonObject(get(h, "/admin/deliveries", Harness.ADMIN_TOKEN).body()).getJsonArray("items");
            assertThat(items).isNotEmpty();
            for (Object o : items) {
                JsonObject d = (JsonObject) o;
                assertThat(d.getString("state")).as(d.encode()).isEqualTo("PAUSED");
                assertThat(d.getString("lastError")).as(d.encode()).startsWith("paused: ").contains("limit");
                assertThat(Instant.parse(d.getString("nextAttemptAt"))).as(d.encode()).isAfter(Instant.now());
            }
            long firstId = h.app.inbox().findByEventId(ids.get(0)).orElseThrow().id();
            HttpResponse<String> replay = post(h, "/admin/deliveries/" + firstId + "/replay");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(new JsonObject(replay.body()).getBoolean("queued")).isTrue();

            h.org.faults().clear();
            Instant wouldResumeAt = h.app.workers().state().pausedUntil();
            ch.qos.logback.classic.Logger adminLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                    .getLogger(io.oncesync.server.admin.AdminRoutes.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                    new ch.qos.logback.core.read.ListAppender<>();
            logged.start();
            adminLog.addAppender(logged);
            HttpResponse<String> resume;
            try {
                resume = post(h, "/admin/sync/resume");
            } finally {
                adminLog.detachAppender(logged);
            }
            assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
            // audited and logged like every admin change, with the authenticated actor
            assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("action=sync.resume", "outcome=ok", "actor=admin-token"));
            assertThat(h.app.database().audit().list(null, 5)).anySatisfy(a -> {
                assertThat(a.action()).isEqualTo("sync.resume");
                assertThat(a.actor()).startsWith("admin-token");
            });
            assertThat(new JsonObject(resume.body()).getJsonObject("sync").getString("state")).isEqualTo("RUNNING");
            assertThat(h.app.metrics().scrape()).contains("oncesync_sync_paused 0.0");
            Map<String, InboxEntry> done = h.awaitSettled(ids, Duration.ofSeconds(60));
            assertThat(done.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
            if (wouldResumeAt != null) {
                assertThat(done.values()).allSatisfy(e -> assertThat(e.finishedAt())
                        .as("applied before the pause would have ended by itself").isBefore(wouldResumeAt));
            }
            assertThat(h.app.database().audit().list(null, 10)).anySatisfy(a -> assertThat(a.action()).isEqualTo("sync.resume"));
        }
    }

    @Test
    @DisplayName("oncesync resume ends a pause on the running server through its admin API, and says so")
    void resumeFromTheCommandLine() throws Exception {
        try (Harness h = Harness.start(productionPauses(), Map.of())) {
            h.app.workers().pauseUntil(Instant.now().plus(Duration.ofMinutes(30)), "REQUEST_LIMIT_EXCEEDED (test)");
            java.nio.file.Path config = h.dir.resolve("cli.properties");
            java.nio.file.Files.writeString(config, "oncesync.admin.token=" + Harness.ADMIN_TOKEN + "\n");
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = io.oncesync.server.cli.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    "resume", "--url", "http://127.0.0.1:" + h.app.port(), "--config", config.toString());
            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("Syncing resumed");
            assertThat(h.app.workers().state().paused()).isFalse();
            code = io.oncesync.server.cli.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    "resume", "--url", "http://127.0.0.1:" + h.app.port(), "--config", config.toString());
            assertThat(code).isZero();
            assertThat(out.toString()).contains("Syncing was not paused");
        }
    }

    private static Duration remaining(Harness h) {
        PipelineState s = h.app.workers().state();
        return s.paused() ? Duration.between(Instant.now(), s.pausedUntil()) : Duration.ZERO;
    }

    private static boolean appliedNow(Harness h, String eventId) {
        return h.app.inbox().findByEventId(eventId).map(e -> e.status() == InboxStatus.APPLIED).orElse(false);
    }

    private static String send(Harness h, String tag, int i) throws Exception {
        String id = "EVNT-" + tag + String.format("%04d", i);
        byte[] body = Payloads.booking(id, "booking.scheduled", "BKNG-" + tag + String.format("%04d", i),
                tag.toLowerCase() + i + "@pause.example", "Paula", tag + i, T0.plusSeconds(i),
                T0.plus(Duration.ofDays(3)).plusSeconds(i * 1800L));
        assertThat(h.client.send(body).status()).isEqualTo(200);
        return id;
    }

    static HttpResponse<String> get(Harness h, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Harness h, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + Harness.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
