package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.admin.InboxFixture;
import io.oncesync.server.admin.InboxFixture.Delivery;
import io.oncesync.server.inbox.AuditEntry;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("oncesync replay")
class ReplayCommandTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void inbox() throws Exception {
        config = dir.resolve("oncesync.properties");
        Files.writeString(config, "oncesync.data.dir=" + dir.resolve("data") + "\n");
        try (InboxDatabase db = InboxDatabase.sqlite(dir.resolve("data"), InboxOptions.defaults())) {
            InboxFixture.deliveries(db, List.of(Delivery.of("dead-1", "BKNG-1", "a@example.com"),
                    Delivery.of("dead-2", "BKNG-2", "b@example.com"), Delivery.of("ok-3", "BKNG-3", "c@example.com")));
        }
    }

    private InboxDatabase open() {
        return InboxDatabase.sqlite(dir.resolve("data"), InboxOptions.defaults());
    }

    @Test
    @DisplayName("replay by event id makes that failed delivery due again, reports progress and audits it")
    void replayChosen() {
        Cli r = Cli.run("replay", "--config", config.toString(), "dead-2");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("\\[1/1\\] #\\d+ dead-2 is due again \\(failed with: REQUIRED_FIELD_MISSING: Company\\)")
                .contains("1 replayed, 0 not replayed");
        try (InboxDatabase db = open()) {
            assertThat(db.inbox().findByEventId("dead-2").orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
            assertThat(db.inbox().findByEventId("dead-1").orElseThrow().status()).isEqualTo(InboxStatus.DEAD);
            AuditEntry a = db.audit().list(null, 10).get(0);
            assertThat(a.action()).isEqualTo("replay");
            assertThat(a.actor()).startsWith("cli:");
            assertThat(a.outcome()).isEqualTo("ok");
        }
    }

    @Test
    @DisplayName("replay --all-failed replays every dead letter; a second run finds none")
    void replayAll() {
        Cli r = Cli.run("replay", "--config", config.toString(), "--all-failed");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[1/2]").contains("[2/2]").contains("2 replayed, 0 not replayed");
        Cli again = Cli.run("replay", "--config", config.toString(), "--all-failed");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("No failed deliveries.");
    }

    @Test
    @DisplayName("replay exits 1 for a delivery that did not fail or does not exist, and leaves it alone")
    void replayRefused() {
        Cli r = Cli.run("replay", "--config", config.toString(), "ok-3", "nope", "dead-1");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("ok-3: not failed or waiting (APPLIED), left alone").contains("nope: no such delivery");
        assertThat(r.out()).contains("1 replayed, 2 not replayed");
        try (InboxDatabase db = open()) {
            assertThat(db.inbox().findByEventId("ok-3").orElseThrow().status()).isEqualTo(InboxStatus.APPLIED);
        }
    }

    @Test
    @DisplayName("replay beside a running server leaves the events it is processing alone")
    void besideTheServer() throws Exception {
        try (InboxDatabase server = open()) {
            server.inbox().admit(io.oncesync.server.inbox.IncomingEvent.actionable("in-flight", "booking.scheduled", "BKNG-9",
                    "z@example.com", java.time.Instant.now(), java.time.Instant.now(), "{}".getBytes())).get();
            assertThat(server.inbox().claim(10, java.time.Duration.ofMinutes(5)).events()).extracting(e -> e.eventId())
                    .containsExactly("in-flight");
            Cli r = Cli.run("replay", "--config", config.toString(), "dead-1");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(server.inbox().findByEventId("in-flight").orElseThrow().status()).isEqualTo(InboxStatus.PROCESSING);
        }
    }

    @Test
    @DisplayName("replay --list shows the failed deliveries and changes nothing")
    void list() {
        Cli r = Cli.run("replay", "--config", config.toString(), "--list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("dead-1").contains("dead-2").doesNotContain("ok-3").contains("2 failed deliveries");
    }

    @Test
    @DisplayName("replay exits 2 without ids or with both ids and --all-failed, and for an invalid configuration")
    void usage() throws IOException {
        assertThat(Cli.run("replay", "--config", config.toString()).code()).isEqualTo(2);
        assertThat(Cli.run("replay", "--config", config.toString(), "--all-failed", "dead-1").code()).isEqualTo(2);
        Files.writeString(config, "oncesync.workers=-3\n");
        assertThat(Cli.run("replay", "--config", config.toString(), "dead-1").code()).isEqualTo(2);
    }
}
