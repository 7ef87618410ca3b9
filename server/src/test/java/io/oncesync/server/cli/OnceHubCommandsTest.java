package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.Simulator;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("oncesync oncehub … and backfill, against the local OnceHub")
class OnceHubCommandsTest {
    @TempDir
    Path dir;
    private LocalOnceHub hub;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).rateLimits(0, 0).start();
        config = dir.resolve("oncesync.properties");
        Files.writeString(config, String.join("\n",
                "oncesync.data.dir=" + dir.resolve("data"),
                "oncesync.token.key=" + TokenCipher.newBase64Key(new SecureRandom()),
                "oncesync.public.url=http://127.0.0.1:8080",
                "oncesync.oncehub.api.url=" + hub.apiUrl(),
                "oncesync.oncehub.api.key=" + hub.apiKey()));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    @DisplayName("connect, status, rotate-secret and disconnect manage one subscription and say what they did")
    void subscriptionLifecycle() {
        Cli connect = Cli.run("oncehub", "connect", "--config", config.toString());
        assertThat(connect.code()).as(connect.toString()).isZero();
        assertThat(connect.out()).contains("created WHK-").contains("11 event types");
        Cli status = Cli.run("oncehub", "status", "--config", config.toString());
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).startsWith("OK: WHK-").contains("booking.scheduled");
        String first = hub.webhooks().get(0).id();
        Cli rotate = Cli.run("oncehub", "rotate-secret", "--config", config.toString());
        assertThat(rotate.code()).as(rotate.toString()).isZero();
        assertThat(hub.webhooks()).hasSize(1).noneMatch(w -> w.id().equals(first));
        assertThat(rotate.out()).contains("the old one is accepted for 72 more hours");
        hub.disableWebhook(hub.webhooks().get(0).id(), "test");
        Cli broken = Cli.run("oncehub", "status", "--config", config.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).startsWith("DISABLED: ");
        Cli disconnect = Cli.run("oncehub", "disconnect", "--config", config.toString());
        assertThat(disconnect.code()).as(disconnect.toString()).isZero();
        assertThat(hub.webhooks()).isEmpty();
    }

    @Test
    @DisplayName("local-oncehub serves the API with the printed key until stopped, then exits 0")
    void localOnceHubServes() {
        java.util.concurrent.atomic.AtomicReference<String> calendars = new java.util.concurrent.atomic.AtomicReference<>();
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new LocalOnceHubCommand(h -> {
            try {
                calendars.set(new io.oncesync.server.oncehub.OnceHubClient(h.apiUrl(),
                        () -> io.oncesync.server.config.Secret.of("fixed-key-1"), 5).list().toString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        cl.setOut(new java.io.PrintWriter(out, true));
        assertThat(cl.execute("--port", "0", "--api-key", "fixed-key-1", "--time-scale", "3600")).isZero();
        assertThat(calendars.get()).contains("Customer Support");
        assertThat(out.toString()).contains("API key (ONCESYNC_ONCEHUB_API_KEY): fixed-key-1").contains("/_localoncehub/state");
        assertThat(Cli.run("local-oncehub", "--time-scale", "0").code()).isEqualTo(2);
    }

    @Test
    @DisplayName("without a token key, connect refuses before calling OnceHub")
    void needsTokenKey() throws Exception {
        Files.writeString(config, Files.readString(config).replaceAll("oncesync.token.key=.*", "oncesync.token.key="));
        Cli r = Cli.run("oncehub", "connect", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ONCESYNC_TOKEN_KEY is required");
        assertThat(hub.apiCalls()).isZero();
    }

    @Test
    @DisplayName("backfill queues every booking updated since the date once, with a summary; a second run finds them queued")
    void backfill() throws Exception {
        for (int i = 0; i < 12; i++) {
            hub.simulator().book(new Simulator.Guest("Back Fill" + i, "bf" + i + "@x.example", null, null), "BKC-SALES00001",
                    Instant.now().plus(Duration.ofDays(1)), 30);
        }
        Cli r = Cli.run("backfill", "--since", "2020-01-01", "--config", config.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("12 bookings updated since 2020-01-01T00:00:00Z").contains("12 queued for Salesforce");
        assertThat(r.err()).contains("100%").contains("12 bookings");
        Cli again = Cli.run("backfill", "--since", "2020-01-01", "--config", config.toString());
        assertThat(again.out()).contains("0 queued for Salesforce").contains("12 already queued");
        try (InboxDatabase db = InboxDatabase.sqliteBesideServer(dir.resolve("data"), InboxOptions.defaults())) {
            assertThat(db.inbox().list(io.oncesync.server.inbox.InboxStatus.RECEIVED, 100))
                    .hasSize(12).allMatch(e -> e.eventId().startsWith("poll:BKNG-"));
            assertThat(db.watermarks().get("oncehub.bookings")).isPresent();
        }
        Cli bad = Cli.run("backfill", "--since", "last tuesday", "--config", config.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--since must be a date");
    }
}
