package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The window kill -9 can hit: Salesforce written and the booking ledger recorded, the event's outcome not yet.
 * After the restart the event must read APPLIED with its records, not IGNORED, and nothing is written twice.
 */
@DisplayName("End to end, outcomes after a crash")
class CrashOutcomeEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-06T10:00:00Z");

    @Test
    @DisplayName("an event whose outcome was lost after Salesforce and the ledger were written reads APPLIED with its"
            + " records after the restart, and no second Event is made")
    void appliedIsApplied() throws Exception {
        Path dir = Files.createTempDirectory("oncesync-crash-outcome-");
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            InboxEntry first;
            try (OncesyncApp app = OncesyncApp.start(ConfigLoader.load(Harness.env(org, dir, 0), Optional.empty(),
                    ConfigLoader.Purpose.SERVE), Harness.testOptions())) {
                WebhookClient client = new WebhookClient("http://127.0.0.1:" + app.port(),
                        new io.oncesync.server.ingest.WebhookSecret(Harness.SECRET), java.time.Clock.systemUTC());
                assertThat(client.send(Payloads.booking("EVNT-CRSH0001", "booking.scheduled", "BKNG-CRSH0001",
                        "crash@outcome.example", "Cris", "Ash", T0, T0.plus(Duration.ofDays(2)))).status()).isEqualTo(200);
                Harness.awaitTrue(() -> app.inbox().findByEventId("EVNT-CRSH0001").map(e -> e.status() == InboxStatus.APPLIED)
                        .orElse(false), Duration.ofSeconds(60), () -> "not applied");
                first = app.inbox().findByEventId("EVNT-CRSH0001").orElseThrow();
            }
            // Put the row back where kill -9 would have left it: claimed, outcome unrecorded; the ledger stays.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(InboxDatabase.SQLITE_FILE));
                 PreparedStatement back = c.prepareStatement("UPDATE inbox_event SET status = 'PROCESSING', claim_token = 'lost',"
                         + " lease_until = ?, finished_at = NULL, person_id = NULL, record_ids = NULL, decision_trace = NULL"
                         + " WHERE id = ?");
                 PreparedStatement key = c.prepareStatement("INSERT INTO inbox_open_key (event_pk, ordering_key) VALUES (?, ?)")) {
                back.setLong(1, Instant.now().plusSeconds(300).toEpochMilli());
                back.setLong(2, first.id());
                assertThat(back.executeUpdate()).isEqualTo(1);
                key.setLong(1, first.id());
                key.setString(2, "booking:BKNG-CRSH0001");
                key.executeUpdate();
            }
            try (OncesyncApp app = OncesyncApp.start(ConfigLoader.load(Harness.env(org, dir, 0), Optional.empty(),
                    ConfigLoader.Purpose.SERVE), Harness.testOptions())) {
                Harness.awaitTrue(() -> app.inbox().findByEventId("EVNT-CRSH0001").map(e -> !e.status().isOpen())
                        .orElse(false), Duration.ofSeconds(60), () -> "not settled after the restart");
                InboxEntry after = app.inbox().findByEventId("EVNT-CRSH0001").orElseThrow();
                assertThat(after.status()).as(after.decisionTrace()).isEqualTo(InboxStatus.APPLIED);
                assertThat(after.personId()).isEqualTo(first.personId());
                assertThat(after.recordIds()).isEqualTo(first.recordIds());
                assertThat(after.decisionTrace()).contains("applied by an earlier attempt");
                assertThat(Harness.queryAll(Harness.salesforce(org), "SELECT Id FROM Event WHERE WhoId = '"
                        + first.personId() + "'")).hasSize(1);
            }
        } finally {
            Harness.deleteTree(dir);
        }
    }
}
