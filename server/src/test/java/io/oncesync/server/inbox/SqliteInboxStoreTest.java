package io.oncesync.server.inbox;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteInboxStoreTest extends InboxStoreContract {
    @TempDir
    Path dataDir;

    @Override
    InboxDatabase open(MutableClock clock) {
        return InboxDatabase.sqlite(dataDir, InboxOptions.defaults().withClock(clock));
    }

    @Test
    @DisplayName("The inbox is one SQLite file in the data directory, in WAL mode")
    void walFileInDataDirectory() throws Exception {
        admit(incoming("EVNT-1", "BKNG-1", null, T0));
        assertThat(dataDir.resolve(InboxDatabase.SQLITE_FILE)).exists();
        assertThat(Files.exists(dataDir.resolve(InboxDatabase.SQLITE_FILE + "-wal"))).isTrue();
    }

    @Test
    @DisplayName("Admissions beyond the queued-bytes bound are refused as overloaded, not queued")
    void boundedByBytes() {
        db.close();
        db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults().withClock(clock).withAdmitQueue(100, 64));
        inbox = db.inbox();
        IncomingEvent big = IncomingEvent.actionable("EVNT-big", "booking.scheduled", "BKNG-1", null, T0, T0,
                new byte[65]);
        assertThat(inbox.admit(big)).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(InboxUnavailable.class)
                .withMessage("the inbox write queue is full (at most 100 events or 64 bytes wait)")
                .matches(e -> ((InboxUnavailable) e).overloaded());
        assertThat(admit(incoming("EVNT-small", "BKNG-2", null, T0)).kind()).isEqualTo(Admission.Kind.STORED);
    }

    @Test
    @DisplayName("After close and reopen nothing is lost, and work that was in flight is claimable at once")
    void survivesRestart() {
        for (int i = 0; i < 20; i++) {
            admit(incoming("EVNT-" + i, "BKNG-" + i, null, T0.plusSeconds(i)));
        }
        ClaimedBatch inFlight = inbox.claim(5, LEASE);
        ClaimedBatch done = inbox.claim(5, LEASE);
        inbox.settle(done, Map.of(done.events().get(0).id(), new Settlement.Applied("003X", List.of(), null)));
        db.ledger().record(LedgerEntry.stored("BKNG-0", SObjectType.EVENT, "00UX", "003X", T0));
        db.close();

        db = open(clock);
        inbox = db.inbox();
        Map<InboxStatus, Long> counts = inbox.countByStatus();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
        assertThat(counts).containsEntry(InboxStatus.APPLIED, 1L).containsEntry(InboxStatus.PROCESSING, 0L);
        ClaimedBatch first = inbox.claim(100, LEASE);
        assertThat(eventIds(first)).as("an interrupted event is claimed alone").containsExactly(eventIds(inFlight).get(0));
        List<String> reclaimed = new java.util.ArrayList<>();
        for (ClaimedBatch b = first; !b.isEmpty(); b = inbox.claim(100, LEASE)) {
            reclaimed.addAll(eventIds(b));
            Map<Long, Settlement> applied = new java.util.HashMap<>();
            b.events().forEach(e -> applied.put(e.id(), new Settlement.Applied(null, List.of(), null)));
            inbox.settle(b, applied);
        }
        assertThat(reclaimed).hasSize(19).containsAll(eventIds(inFlight));
        assertThat(db.ledger().find("BKNG-0")).isPresent();
    }

    @Test
    @DisplayName("An event whose processing stops the process is quarantined as a dead letter after the set number of"
            + " restarts, while its neighbours are claimed alone and flow")
    void poisonEventIsQuarantined() {
        admit(incoming("EVNT-poison", "BKNG-1", null, T0));
        admit(incoming("EVNT-next", "BKNG-2", null, T0.plusSeconds(1)));
        assertThat(eventIds(inbox.claim(10, LEASE))).containsExactly("EVNT-poison", "EVNT-next");
        for (int crash = 2; crash <= InboxOptions.DEFAULT_QUARANTINE_AFTER; crash++) {
            db.close(); // the process died with both claimed
            db = open(clock);
            inbox = db.inbox();
            ClaimedBatch alone = inbox.claim(10, LEASE);
            assertThat(eventIds(alone)).as("after crash " + (crash - 1)).containsExactly("EVNT-poison");
            assertThat(inbox.claim(10, LEASE).isEmpty()).as("nothing runs beside a suspect").isTrue();
        }
        db.close();
        db = open(clock);
        inbox = db.inbox();
        InboxEntry poison = inbox.findByEventId("EVNT-poison").orElseThrow();
        assertThat(poison.status()).isEqualTo(InboxStatus.DEAD);
        assertThat(poison.lastError()).startsWith("quarantined: processing this event was interrupted 3 times");
        ClaimedBatch next = inbox.claim(10, LEASE);
        assertThat(eventIds(next)).containsExactly("EVNT-next");
        assertThat(inbox.replay(poison.id())).isTrue();
        inbox.settle(next, Map.of(next.events().get(0).id(), new Settlement.Applied(null, List.of(), null)));
        ClaimedBatch replayed = inbox.claim(10, LEASE);
        assertThat(eventIds(replayed)).as("a replayed quarantined event starts afresh, not as a suspect")
                .containsExactly("EVNT-poison");
    }
}
