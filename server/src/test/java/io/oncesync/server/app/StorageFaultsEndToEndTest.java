package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxStatus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Storage faults through the real server: a data directory on a tiny filesystem that fills up and is freed again,
 * and a database locked by another process. Nothing may need a restart, and nothing may hang.
 */
@DisplayName("End to end, storage faults heal by themselves")
class StorageFaultsEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant UPDATED = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    @DisplayName("a full disk answers 503 and /ready says the database fails; once space is freed the backlog drains without a restart")
    void fullDiskHeals() throws Exception {
        Path mount = Files.createTempDirectory("oncesync-tmpfs-");
        assumeTrue(mountTmpfs(mount, "3m"), "needs root to mount a small tmpfs");
        try {
            Path data = mount.resolve("data");
            try (Harness h = Harness.start(Harness.testOptions(), Map.of(ConfigKey.DATA_DIR.envName(), data.toString()))) {
                List<String> stored = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String id = "EVNT-DISK0" + i;
                    assertThat(h.client.send(booking(id, i)).status()).isEqualTo(200);
                    stored.add(id);
                }
                h.awaitSettled(stored, Duration.ofSeconds(60));

                Path filler = mount.resolve("filler");
                fill(filler);
                List<String> refused = new ArrayList<>();
                int answered503 = 0;
                for (int i = 10; i < 40 && answered503 < 3; i++) {
                    String id = "EVNT-DISK" + i;
                    int status = h.client.send(booking(id, i)).status();
                    if (status == 200) {
                        stored.add(id);
                    } else {
                        assertThat(status).as("a webhook that cannot be stored").isEqualTo(503);
                        refused.add(id);
                        answered503++;
                    }
                }
                assertThat(answered503).as("the full disk refuses webhooks").isEqualTo(3);
                for (String id : refused) {
                    assertThat(h.app.inbox().findByEventId(id)).as("503 'not stored' is the truth for " + id).isEmpty();
                }
                JsonObject down = ready(h, 503);
                assertThat(down.getJsonObject("checks").getJsonObject("database").getString("detail"))
                        .contains("full");

                Files.delete(filler);
                List<String> after = new ArrayList<>();
                Harness.awaitTrue(() -> status(h) == 200, Duration.ofSeconds(30), () -> "never ready again");
                for (int i = 50; i < 53; i++) {
                    String id = "EVNT-DISK" + i;
                    assertThat(h.client.send(booking(id, i)).status()).isEqualTo(200);
                    after.add(id);
                }
                stored.addAll(after);
                h.awaitSettled(stored, Duration.ofSeconds(60)).values().forEach(e ->
                        assertThat(e.status()).as(e.eventId() + ": " + e.lastError()).isEqualTo(InboxStatus.APPLIED));
            }
        } finally {
            unmount(mount);
        }
    }

    @Test
    @DisplayName("a database locked by another process answers the webhook 503 within the busy bound, then stores it once the lock is gone")
    void lockedDatabaseAnswersWithinTheBound() throws Exception {
        try (Harness h = Harness.start(Harness.testOptions(), Map.of(ConfigKey.DB_BUSY_TIMEOUT_MS.envName(), "2000"))) {
            Path file = h.dir.resolve("data").resolve(InboxDatabase.SQLITE_FILE);
            long took;
            int status;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                long t0 = System.nanoTime();
                status = h.client.send(booking("EVNT-LOCK01", 1)).status();
                took = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
                st.execute("ROLLBACK");
            }
            assertThat(status).isEqualTo(503);
            assertThat(took).as("seconds the webhook waited on the locked database").isLessThan(15);
            assertThat(h.app.inbox().findByEventId("EVNT-LOCK01")).isEmpty();
            assertThat(h.client.send(booking("EVNT-LOCK02", 2)).status()).isEqualTo(200);
            assertThat(h.awaitSettled(List.of("EVNT-LOCK02"), Duration.ofSeconds(60)).get("EVNT-LOCK02").status())
                    .isEqualTo(InboxStatus.APPLIED);
        }
    }

    private static byte[] booking(String eventId, int n) {
        return Payloads.booking(eventId, "booking.scheduled", "BKNG-" + eventId.substring(5), "disk" + n
                + "@storage.example", "Disk", "Guest" + n, UPDATED, START.plusSeconds(3600L * n));
    }

    private static JsonObject ready(Harness h, int expected) throws Exception {
        HttpResponse<String>[] last = new HttpResponse[1];
        Harness.awaitTrue(() -> {
            try {
                // the admin token shows each check's detail; without it /ready names only the failing checks
                last[0] = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/ready"))
                        .header("Authorization", "Bearer " + Harness.ADMIN_TOKEN)
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                return last[0].statusCode() == expected;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, Duration.ofSeconds(30), () -> "/ready never answered " + expected + ": " + (last[0] == null ? null : last[0].body()));
        return new JsonObject(last[0].body());
    }

    private static int status(Harness h) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/ready"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the filesystem is full now
        }
    }

    static boolean mountTmpfs(Path at, String size) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
    }

    static void unmount(Path at) {
        run("umount", "-l", at.toString());
        Harness.deleteTree(at);
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
