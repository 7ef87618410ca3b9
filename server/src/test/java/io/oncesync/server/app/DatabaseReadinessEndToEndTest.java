package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /ready through the real server on a real PostgreSQL inbox that goes away. */
@DisplayName("End to end, readiness when the database goes away")
class DatabaseReadinessEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("/ready is 200 on a reachable PostgreSQL inbox and turns 503 naming the database once it stops")
    void readyFollowsTheDatabase() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            Map<String, String> env = Map.of(ConfigKey.DB_URL.envName(), postgres.getJdbcUrl("postgres", "postgres"),
                    ConfigKey.DB_USER.envName(), "postgres");
            try (Harness h = Harness.start(Harness.testOptions(), env)) {
                URI ready = URI.create("http://127.0.0.1:" + h.app.port() + "/ready");
                AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
                Harness.awaitTrue(() -> status(ready, last) == 200, Duration.ofSeconds(30),
                        () -> "never ready: " + last.get().body());
                assertThat(new JsonObject(last.get().body()).getJsonObject("checks").getJsonObject("database")
                        .getBoolean("up")).isTrue();

                postgres.close();
                Harness.awaitTrue(() -> status(ready, last) == 503, Duration.ofSeconds(60),
                        () -> "still ready after the database stopped: " + last.get().body());
                JsonObject database = new JsonObject(last.get().body()).getJsonObject("checks").getJsonObject("database");
                assertThat(database.getBoolean("up")).isFalse();
                assertThat(database.getString("detail")).isNotBlank();
                assertThat(h.client.send(Payloads.booking("EVNT-DBGONE01", "booking.scheduled", "BKNG-DBGONE01",
                        "db.gone@ready.example", "Db", "Gone", java.time.Instant.parse("2026-11-03T10:00:00Z"),
                        java.time.Instant.parse("2026-11-10T10:00:00Z"))).status())
                        .as("a webhook that cannot be stored durably is not acknowledged").isGreaterThanOrEqualTo(500);
            }
        } finally {
            postgres.close();
        }
    }

    private static int status(URI uri, AtomicReference<HttpResponse<String>> last) {
        try {
            // The admin token shows each check's detail; without it /ready says only which checks fail.
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + Harness.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            last.set(r);
            return r.statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            return -1;
        }
    }
}
