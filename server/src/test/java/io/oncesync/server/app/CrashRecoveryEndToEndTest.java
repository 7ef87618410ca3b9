package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.sync.SyncPipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.work.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A crash between a meeting's write and its settlement, simulated by running the real pipeline twice on the same
 * event against the local org, the first time with the booking ledger's write lost: the retry must find the Event
 * the first attempt created by the booking's stamp, even when no mapping row writes the booking into Description.
 */
@DisplayName("End to end, crash between the Salesforce write and the ledger")
class CrashRecoveryEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-06T10:00:00Z");

    /** The Events tab without its Description row, or with Description taken from the guest's note. */
    private static Policies.Overlay events(String descriptionRow) {
        return new Policies.Overlay("events-tab.yaml", "mappings:\n  Event:\n"
                + "    - { field: Subject,       from: subject }\n"
                + "    - { field: StartDateTime, from: start_time }\n"
                + "    - { field: EndDateTime,   from: end_time }\n"
                + (descriptionRow.isEmpty() ? "" : "    - " + descriptionRow + "\n"));
    }

    @ParameterizedTest(name = "Description row: \"{0}\"")
    @CsvSource(delimiter = '|', value = {"''", "'{ field: Description, from: note }'"})
    @DisplayName("the retried event updates the Event its crashed attempt created: one Event, found by the stamp")
    void retryAfterLostLedgerWrite(String descriptionRow) throws Exception {
        try (Harness h = Harness.start(Harness.testOptions().withSettingsOverlay(events(descriptionRow)), Map.of())) {
            LosableLedger ledger = new LosableLedger(h.app.ledger());
            SyncPipeline pipeline = new SyncPipeline(h.app.policies(), h.app.gateway(), ledger, PausePolicy.DEFAULT,
                    Clock.systemUTC(), new SyncMetrics());
            String email = "crash.twice@stamp.example";
            byte[] body = Payloads.booking("EVNT-STMP0001", "booking.scheduled", "BKNG-STMP0001", email, "Cra", "Sh",
                    T0, T0.plus(Duration.ofDays(5)));

            ledger.lose = true; // the process dies after Salesforce saved the records, before the ledger commit
            Outcome first = pipeline.process(List.of(claim(body, 1))).get(1L);
            assertThat(first).isInstanceOf(Outcome.Applied.class);
            assertThat(h.app.ledger().find("BKNG-STMP0001")).as("the ledger write was lost").isEmpty();

            ledger.lose = false;
            Outcome second = pipeline.process(List.of(claim(body, 2))).get(1L);
            assertThat(second).isInstanceOf(Outcome.Applied.class);
            assertThat(((Outcome.Applied) second).trace()).contains("found the meeting record an earlier attempt had created");

            String lead = Harness.queryAll(h.sf(), "SELECT Id FROM Lead WHERE Email = '" + email + "'").get(0).getId();
            List<SObject> events = Harness.queryAll(h.sf(), "SELECT Id, Description FROM Event WHERE WhoId = '" + lead + "'");
            assertThat(events).as("one Event for the booking, not one per attempt").hasSize(1);
            String description = Harness.text(events.get(0), "Description");
            assertThat(description).endsWith("OnceHub booking BKNG-STMP0001");
            if (!descriptionRow.isEmpty()) {
                assertThat(description).startsWith("Interested in the fleet plan");
            }
            assertThat(h.app.ledger().find("BKNG-STMP0001").orElseThrow().meetingId()).isEqualTo(events.get(0).getId());
        }
    }

    private static InboxEvent claim(byte[] body, int attempt) {
        Instant received = Instant.now();
        return new InboxEvent(1, "EVNT-STMP0001", "booking.scheduled", "BKNG-STMP0001", "crash.twice@stamp.example",
                T0, T0, received, attempt, body, attempt > 1);
    }

    /** The server's ledger, except that while {@code lose} is set its writes vanish as in a crash before commit. */
    private static final class LosableLedger implements BookingLedger {
        private final BookingLedger delegate;
        volatile boolean lose;

        LosableLedger(BookingLedger delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, LedgerEntry> findAll(Collection<String> bookingIds) {
            return delegate.findAll(bookingIds);
        }

        @Override
        public void recordAll(Collection<LedgerEntry> entries) {
            if (!lose) {
                delegate.recordAll(entries);
            }
        }
    }
}
