package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.ingest.WebhookSecret;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code oncesync serve} as a child JVM with an uploaded rule whose consequence calls {@code System.exit}: the
 * service crashes on the poisoned event, is restarted (as systemd or Kubernetes would), and after the set number of
 * crashes the event is quarantined as a dead letter while the next events flow.
 */
@DisplayName("End to end, a poisoned rule")
class PoisonEventEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
    private static final int EXIT_CODE = 42;

    private LocalOrg org;
    private Path dir;
    private int port;
    private Process server;

    @BeforeEach
    void start() throws IOException {
        org = LocalOrg.builder().port(0).start();
        dir = Files.createTempDirectory("oncesync-poison-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path rules = Files.createDirectories(dir.resolve("rules"));
        PipelineEdgesEndToEndTest.rulesWithPoison(rules, "Link the meeting of the guest who stops the process",
                "exit@poison.example", "System.exit(" + EXIT_CODE + ");");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        org.close();
        Harness.deleteTree(dir);
    }

    @Test
    @DisplayName("a rule calling System.exit crashes the service twice, then its event is quarantined with the reason"
            + " and the other events are applied")
    void systemExitRuleIsQuarantined() throws Exception {
        server = startServer("run1");
        WebhookClient client = new WebhookClient("http://127.0.0.1:" + port, new WebhookSecret(Harness.SECRET),
                Clock.systemUTC());
        assertThat(client.send(booking("EVNT-EXIT0001", "exit@poison.example")).status()).isEqualTo(200);
        assertThat(client.send(booking("EVNT-EXIT0002", "fine@poison.example")).status()).isEqualTo(200);
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the rule stops the process").isTrue();
        assertThat(server.exitValue()).isEqualTo(EXIT_CODE);

        server = startServer("run2");
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the same event stops it again after the restart").isTrue();
        assertThat(server.exitValue()).isEqualTo(EXIT_CODE);

        server = startServer("run3");
        Harness.awaitTrue(() -> "DEAD".equals(delivery("EVNT-EXIT0001").getString("status"))
                && "APPLIED".equals(delivery("EVNT-EXIT0002").getString("status")), Duration.ofSeconds(60),
                () -> "not settled: " + delivery("EVNT-EXIT0001") + " " + delivery("EVNT-EXIT0002") + "\n" + logTail("run3"));
        assertThat(delivery("EVNT-EXIT0001").getString("lastError"))
                .startsWith("quarantined: processing this event was interrupted 2 times");
        assertThat(client.send(booking("EVNT-EXIT0003", "later@poison.example")).status()).isEqualTo(200);
        Harness.awaitTrue(() -> "APPLIED".equals(delivery("EVNT-EXIT0003").getString("status")), Duration.ofSeconds(60),
                () -> "the next event did not flow: " + delivery("EVNT-EXIT0003"));
        assertThat(server.isAlive()).isTrue();
    }

    private String logTail(String name) {
        try {
            String log = Files.readString(dir.resolve(name + ".log"));
            return log.substring(Math.max(0, log.length() - 6000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] booking(String eventId, String email) {
        return Payloads.booking(eventId, "booking.scheduled", "BKNG-" + eventId.substring(5), email, "Pia", "Son",
                T0, T0.plus(Duration.ofDays(3)));
    }

    /** The delivery as the admin API lists it (status, lastError), or an empty object. */
    private JsonObject delivery(String eventId) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/admin/deliveries?limit=100")).header("Authorization", "Bearer "
                    + Harness.ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonArray items = new JsonObject(r.body()).getJsonArray("items");
            for (Object o : items) {
                if (eventId.equals(((JsonObject) o).getString("eventId"))) {
                    return (JsonObject) o;
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // not up yet
        }
        return new JsonObject();
    }

    /** Starts {@code serve}; returns once it answers /health or has already exited (the poison may be claimed first). */
    private Process startServer(String name) throws Exception {
        Map<String, String> env = Harness.env(org, dir, port);
        env.put(ConfigKey.RULES_DIR.envName(), dir.resolve("rules").toString());
        env.put(ConfigKey.QUARANTINE_AFTER.envName(), "2");
        Process p = Harness.launchServe(env, dir.resolve(name + ".log").toFile(), "-Xmx384m");
        Harness.awaitTrue(() -> !p.isAlive() || Harness.status(port, "/health") == 200, Duration.ofSeconds(60),
                () -> "server did not start");
        return p;
    }
}
