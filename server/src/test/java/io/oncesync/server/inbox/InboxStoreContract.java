package io.oncesync.server.inbox;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.BookingLedger;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Behaviour every inbox database must have; run against SQLite and PostgreSQL. */
abstract class InboxStoreContract {
    static final Duration LEASE = Duration.ofMinutes(5);

    final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    InboxDatabase db;
    InboxStore inbox;

    abstract InboxDatabase open(MutableClock clock) throws Exception;

    @BeforeEach
    void openDatabase() throws Exception {
        db = open(clock);
        inbox = db.inbox();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    Admission admit(IncomingEvent event) {
        return inbox.admit(event).join();
    }

    static List<String> eventIds(ClaimedBatch batch) {
        return batch.events().stream().map(InboxEvent::eventId).collect(Collectors.toList());
    }

    @Test
    @DisplayName("The same event id stored twice is kept once and reported as a duplicate")
    void deduplicatesByEventId() {
        Admission first = admit(incoming("EVNT-1", "BKNG-1", "email:a@x.org", T0));
        Admission again = admit(incoming("EVNT-1", "BKNG-1", "email:a@x.org", T0));
        assertThat(first.kind()).isEqualTo(Admission.Kind.STORED);
        assertThat(again).isEqualTo(new Admission(first.inboxId(), Admission.Kind.DUPLICATE));
        assertThat(inbox.countByStatus()).containsEntry(InboxStatus.RECEIVED, 1L);
    }

    @Test
    @DisplayName("The raw body is kept byte for byte for replay")
    void keepsRawBody() {
        byte[] body = "{\"id\":\"EVNT-ü\",  \"x\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        admit(IncomingEvent.actionable("EVNT-ü", "booking.canceled", "BKNG-1", null, T0, T0, body));
        assertThat(inbox.findByEventId("EVNT-ü").orElseThrow().rawBody()).isEqualTo(body);
        assertThat(inbox.claim(10, LEASE).events().get(0).rawBody()).isEqualTo(body);
    }

    @Test
    @DisplayName("An ignored event is recorded with its reason and never handed to a worker")
    void ignoredEventsAreRecordedNotClaimed() {
        Admission a = admit(new IncomingEvent("EVNT-9", "contact.created", null, null, T0, T0,
                "event type contact.created is not handled", new byte[] {'{', '}'}));
        assertThat(a.kind()).isEqualTo(Admission.Kind.IGNORED);
        InboxEntry entry = inbox.find(a.inboxId()).orElseThrow();
        assertThat(entry.status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(entry.decisionTrace()).isEqualTo("ignored on receipt: event type contact.created is not handled");
        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("Events of one booking are claimed one at a time in last-updated order, whatever the arrival order")
    void oneBookingOneAtATimeInOrder() {
        admit(incoming("EVNT-cancel", "BKNG-1", null, T0.plusSeconds(20)));
        admit(incoming("EVNT-resched", "BKNG-1", null, T0.plusSeconds(10)));
        admit(incoming("EVNT-sched", "BKNG-1", null, T0));
        admit(incoming("EVNT-other", "BKNG-2", null, T0.plusSeconds(5)));

        ClaimedBatch first = inbox.claim(10, LEASE);
        assertThat(eventIds(first)).containsExactly("EVNT-sched", "EVNT-other");
        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();

        inbox.settle(first, Map.of(first.events().get(0).id(), new Settlement.Applied(null, List.of(), "t")));
        assertThat(eventIds(inbox.claim(10, LEASE))).containsExactly("EVNT-resched");
    }

    @Test
    @DisplayName("Two bookings by the same guest are never claimed together")
    void oneGuestOneAtATime() {
        admit(incoming("EVNT-a", "BKNG-a", "email:ada@x.org", T0));
        admit(incoming("EVNT-b", "BKNG-b", "email:ada@x.org", T0.plusSeconds(1)));
        admit(incoming("EVNT-c", "BKNG-c", "email:bob@x.org", T0.plusSeconds(2)));
        assertThat(eventIds(inbox.claim(10, LEASE))).containsExactly("EVNT-a", "EVNT-c");
    }

    @Test
    @DisplayName("An event that arrives late with an older time still waits while its booking is being processed")
    void lateEarlierEventWaitsForBusyBooking() {
        admit(incoming("EVNT-resched", "BKNG-1", null, T0.plusSeconds(10)));
        ClaimedBatch busy = inbox.claim(10, LEASE);
        assertThat(eventIds(busy)).containsExactly("EVNT-resched");
        admit(incoming("EVNT-sched", "BKNG-1", null, T0));
        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();
        inbox.settle(busy, Map.of(busy.events().get(0).id(), new Settlement.Applied(null, List.of(), null)));
        assertThat(eventIds(inbox.claim(10, LEASE))).containsExactly("EVNT-sched");
    }

    @Test
    @DisplayName("Applied events keep the Salesforce ids and the decision trace")
    void appliedKeepsIdsAndTrace() {
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        ClaimedBatch batch = inbox.claim(10, LEASE);
        assertThat(batch.events().get(0).attempts()).isEqualTo(1);
        inbox.settle(batch, Map.of(id, new Settlement.Applied("00Q000000000001", List.of("00U000000000001"),
                "Identify the guest by email")));
        InboxEntry entry = inbox.find(id).orElseThrow();
        assertThat(entry.status()).isEqualTo(InboxStatus.APPLIED);
        assertThat(entry.personId()).isEqualTo("00Q000000000001");
        assertThat(entry.recordIds()).containsExactly("00U000000000001");
        assertThat(entry.decisionTrace()).isEqualTo("Identify the guest by email");
        assertThat(entry.finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("A retried event is not claimable before its next attempt time, and keeps its booking blocked")
    void retryWaitsForItsTime() {
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        admit(incoming("EVNT-2", "BKNG-1", null, T0.plusSeconds(1)));
        ClaimedBatch batch = inbox.claim(10, LEASE);
        Instant next = clock.instant().plusSeconds(30);
        inbox.settle(batch, Map.of(id, new Settlement.Retry(next, "UNABLE_TO_LOCK_ROW", null)));

        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();
        InboxEntry waiting = inbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(InboxStatus.RETRY);
        assertThat(waiting.nextAttemptAt()).isEqualTo(next);
        assertThat(waiting.lastError()).isEqualTo("UNABLE_TO_LOCK_ROW");

        clock.advance(Duration.ofSeconds(30));
        ClaimedBatch again = inbox.claim(10, LEASE);
        assertThat(eventIds(again)).containsExactly("EVNT-1");
        assertThat(again.events().get(0).attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("The next due time is the earliest retry time, or absent when nothing waits")
    void nextDueAt() {
        assertThat(inbox.nextDueAt()).isEmpty();
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        Instant next = clock.instant().plusSeconds(90);
        inbox.settle(inbox.claim(10, LEASE), Map.of(id, new Settlement.Retry(next, "timeout", null)));
        assertThat(inbox.nextDueAt()).contains(next);
    }

    @Test
    @DisplayName("A dead letter keeps its error and trace, frees its keys, and replays with a fresh attempt count")
    void deadLetterAndReplay() {
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        admit(incoming("EVNT-2", "BKNG-1", null, T0.plusSeconds(1)));
        ClaimedBatch batch = inbox.claim(10, LEASE);
        inbox.settle(batch, Map.of(id, new Settlement.Dead("FIELD_CUSTOM_VALIDATION_EXCEPTION: no", "trace")));

        InboxEntry dead = inbox.find(id).orElseThrow();
        assertThat(dead.status()).isEqualTo(InboxStatus.DEAD);
        assertThat(dead.lastError()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION: no");
        assertThat(dead.decisionTrace()).isEqualTo("trace");
        ClaimedBatch next = inbox.claim(10, LEASE);
        assertThat(eventIds(next)).containsExactly("EVNT-2");
        inbox.settle(next, Map.of(next.events().get(0).id(), new Settlement.Applied(null, List.of(), null)));

        assertThat(inbox.replay(id)).isTrue();
        assertThat(inbox.replay(id)).as("a waiting event is queued again, not refused").isTrue();
        ClaimedBatch replayed = inbox.claim(10, LEASE);
        assertThat(eventIds(replayed)).containsExactly("EVNT-1");
        assertThat(replayed.events().get(0).attempts()).isEqualTo(1);
        assertThat(inbox.replay(id)).as("an event being processed is left alone").isFalse();
    }

    @Test
    @DisplayName("Replaying all dead letters revives each of them once")
    void replayAllDead() {
        for (int i = 0; i < 3; i++) {
            admit(incoming("EVNT-" + i, "BKNG-" + i, null, T0));
        }
        ClaimedBatch batch = inbox.claim(10, LEASE);
        inbox.settle(batch, batch.events().stream().collect(Collectors.toMap(InboxEvent::id,
                e -> (Settlement) new Settlement.Dead("boom", null))));
        assertThat(inbox.list(InboxStatus.DEAD, 10)).hasSize(3);
        assertThat(inbox.replayAllDead()).isEqualTo(3);
        assertThat(inbox.replayAllDead()).isZero();
        assertThat(inbox.claim(10, LEASE).events()).hasSize(3);
    }

    @Test
    @DisplayName("Releasing a claim puts the event back without counting the attempt")
    void releaseDoesNotCountTheAttempt() {
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        inbox.release(inbox.claim(10, LEASE));
        InboxEntry entry = inbox.find(id).orElseThrow();
        assertThat(entry.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(entry.attempts()).isZero();
        assertThat(inbox.claim(10, LEASE).events().get(0).attempts()).isEqualTo(1);
    }

    @Test
    @DisplayName("An event is claimed as tried before after a retry, a pause, an interruption, a lost lease or a replay;"
            + " never on its first claim nor after a plain release")
    void triedBefore() {
        long retried = admit(incoming("EVNT-R", "BKNG-R", null, T0)).inboxId();
        long paused = admit(incoming("EVNT-P", "BKNG-P", null, T0)).inboxId();
        long stopped = admit(incoming("EVNT-S", "BKNG-S", null, T0)).inboxId();
        long lost = admit(incoming("EVNT-L", "BKNG-L", null, T0)).inboxId();
        long released = admit(incoming("EVNT-F", "BKNG-F", null, T0)).inboxId();
        ClaimedBatch first = inbox.claim(10, LEASE);
        assertThat(first.events()).hasSize(5).noneMatch(InboxEvent::triedBefore);

        inbox.settle(first, Map.of(retried, new Settlement.Retry(clock.instant(), "UNABLE_TO_LOCK_ROW", null),
                paused, new Settlement.Released(clock.instant(), "paused: Salesforce is unreachable"),
                stopped, new Settlement.Released(clock.instant(), "interrupted: still being processed", true),
                released, new Settlement.Released(clock.instant())));
        Map<String, InboxEvent> again = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) { // an interrupted event is claimed alone, and holds the others back while it runs
            ClaimedBatch batch = inbox.claim(10, LEASE);
            batch.events().forEach(e -> again.put(e.eventId(), e));
            if (batch.events().stream().anyMatch(e -> e.id() == stopped)) {
                inbox.settle(batch, Map.of(stopped, new Settlement.Applied(null, List.of(), null)));
            }
        }
        assertThat(again).containsOnlyKeys("EVNT-R", "EVNT-P", "EVNT-S", "EVNT-F");
        assertThat(again.get("EVNT-R").triedBefore()).isTrue();
        assertThat(again.get("EVNT-P").attempts()).as("a pause does not count the attempt").isEqualTo(1);
        assertThat(again.get("EVNT-P").triedBefore()).as("but the claim is known to have run").isTrue();
        assertThat(again.get("EVNT-S").triedBefore()).isTrue();
        assertThat(again.get("EVNT-F").triedBefore()).as("released before it ran").isFalse();

        clock.advance(LEASE.plusSeconds(1));
        ClaimedBatch reclaimed = inbox.claim(10, LEASE);
        assertThat(eventIds(reclaimed)).contains("EVNT-L");
        assertThat(reclaimed.events()).as("every claim that ran out was interrupted").allMatch(InboxEvent::triedBefore);
        inbox.settle(reclaimed, reclaimed.events().stream().collect(Collectors.toMap(InboxEvent::id,
                e -> (Settlement) new Settlement.Dead("gave up", null))));
        assertThat(inbox.replay(lost)).isTrue();
        ClaimedBatch replayed = inbox.claim(10, LEASE);
        assertThat(replayed.events()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.triedBefore()).isTrue();
        });
    }

    @Test
    @DisplayName("After a lease runs out the event is claimed again and the first claim can no longer settle it")
    void expiredLeaseIsReclaimed() {
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0)).inboxId();
        ClaimedBatch first = inbox.claim(10, LEASE);
        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();
        clock.advance(LEASE.plusSeconds(1));
        ClaimedBatch second = inbox.claim(10, LEASE);
        assertThat(eventIds(second)).containsExactly("EVNT-1");

        inbox.settle(first, Map.of(id, new Settlement.Dead("stale worker", null)));
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(InboxStatus.PROCESSING);
        inbox.settle(second, Map.of(id, new Settlement.Applied(null, List.of(), null)));
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(InboxStatus.APPLIED);
    }

    @Test
    @DisplayName("Renewing a claim keeps its events from being taken over; a stale claim renews nothing")
    void renewKeepsTheClaim() {
        admit(incoming("EVNT-1", "BKNG-1", null, T0));
        ClaimedBatch held = inbox.claim(10, LEASE);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(inbox.renew(held, LEASE)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(inbox.claim(10, LEASE).isEmpty()).isTrue();
        clock.advance(LEASE);
        ClaimedBatch takenOver = inbox.claim(10, LEASE);
        assertThat(eventIds(takenOver)).containsExactly("EVNT-1");
        assertThat(inbox.renew(held, LEASE)).isZero();
    }

    @Test
    @DisplayName("Concurrent admissions are all committed, grouped, each exactly once")
    void concurrentAdmissions() {
        List<java.util.concurrent.CompletableFuture<Admission>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(inbox.admit(incoming("EVNT-" + (i % 250), "BKNG-" + i, null, T0)));
        }
        Map<Admission.Kind, Long> kinds = futures.stream().map(java.util.concurrent.CompletableFuture::join)
                .collect(Collectors.groupingBy(Admission::kind, Collectors.counting()));
        assertThat(kinds).containsEntry(Admission.Kind.STORED, 250L).containsEntry(Admission.Kind.DUPLICATE, 250L);
        assertThat(inbox.countByStatus()).containsEntry(InboxStatus.RECEIVED, 250L);
    }

    @Test
    @DisplayName("The OnceHub watermark is durable and only moves forward")
    void watermarkMovesForwardOnly() {
        WatermarkStore marks = db.watermarks();
        assertThat(marks.get("oncehub.bookings")).isEmpty();
        marks.advance("oncehub.bookings", T0.plusSeconds(60));
        marks.advance("oncehub.bookings", T0);
        assertThat(marks.get("oncehub.bookings")).contains(T0.plusSeconds(60));
        marks.advance("oncehub.bookings", T0.plusSeconds(61));
        assertThat(marks.get("oncehub.bookings")).contains(T0.plusSeconds(61));
        assertThat(marks.get("other")).isEmpty();
    }

    @Test
    @DisplayName("The booking ledger stores, replaces and looks up Salesforce ids by booking id")
    void ledger() {
        BookingLedger ledger = db.ledger();
        assertThat(ledger.find("BKNG-1")).isEmpty();
        ledger.record(new LedgerEntry("BKNG-1", SObjectType.EVENT, "00U1", SObjectType.LEAD, "00Q1", T0));
        ledger.recordAll(List.of(new LedgerEntry("BKNG-1", SObjectType.CASE, "500C", SObjectType.CONTACT, "003A", T0.plusSeconds(5)),
                new LedgerEntry("BKNG-2", SObjectType.EVENT, "00U2", null, null, null),
                new LedgerEntry("BKNG-3", null, null, SObjectType.LEAD, "00Q3", T0)));
        assertThat(ledger.find("BKNG-1"))
                .contains(new LedgerEntry("BKNG-1", SObjectType.CASE, "500C", SObjectType.CONTACT, "003A", T0.plusSeconds(5)));
        assertThat(ledger.find("BKNG-3")).as("a booking with a person and no meeting record yet")
                .contains(new LedgerEntry("BKNG-3", null, null, SObjectType.LEAD, "00Q3", T0));
        assertThat(ledger.findAll(List.of("BKNG-1", "BKNG-2", "BKNG-4"))).containsOnlyKeys("BKNG-1", "BKNG-2");
    }
}
