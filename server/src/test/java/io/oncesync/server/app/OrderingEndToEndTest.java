package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** HTTP → inbox → rules → gateway → local org: concurrency and ordering. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("End to end, ordering")
class OrderingEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private Harness h;
    private PartnerConnection sf;

    @BeforeAll
    void start() throws Exception {
        h = Harness.start();
        sf = h.sf();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("50 concurrent first-time bookings by one new email make exactly one person and 50 Events")
    void fiftyConcurrentFirstBookings() throws Exception {
        String email = "first.timer@concurrent.example";
        List<Callable<WebhookClient.Answer>> sends = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String eventId = "EVNT-CONC" + String.format("%04d", i);
            ids.add(eventId);
            byte[] body = Payloads.booking(eventId, "booking.scheduled", "BKNG-CONC" + String.format("%04d", i), email,
                    "First", "Timer", T0.plusSeconds(i), T0.plus(Duration.ofDays(10)).plus(Duration.ofHours(i)));
            sends.add(() -> h.client.send(body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (Future<WebhookClient.Answer> f : pool.invokeAll(sends)) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        Map<String, InboxEntry> entries = h.awaitSettled(ids, Duration.ofSeconds(60));
        assertThat(entries.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = '" + email + "'");
        List<SObject> contacts = Harness.queryAll(sf, "SELECT Id FROM Contact WHERE Email = '" + email + "'");
        assertThat(leads.size() + contacts.size()).as("people with the email").isEqualTo(1);
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, Description FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'");
        assertThat(events).hasSize(50);
        assertThat(events.stream().map(SObject::getId).distinct()).hasSize(50);
    }

    @Test
    @DisplayName("an anonymous chatbot visitor is recorded as ignored, and nothing is written to Salesforce")
    void anonymousConversationIgnored() throws Exception {
        long leadsBefore = Harness.queryAll(sf, "SELECT Id FROM Lead").size();
        assertThat(h.client.send(Payloads.anonymousConversation("EVNT-ANON0001")).status()).isEqualTo(200);
        InboxEntry entry = h.awaitSettled(List.of("EVNT-ANON0001"), Duration.ofSeconds(30)).get("EVNT-ANON0001");
        assertThat(entry.status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(entry.decisionTrace()).startsWith("ignored: ").contains("no person");
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Lead")).hasSize((int) leadsBefore);
    }

    @Test
    @DisplayName("scheduled, rescheduled, canceled delivered in reverse order one by one: the cancellation wins, older snapshots are skipped")
    void reverseOrderOneByOne() throws Exception {
        String booking = "BKNG-REV00001";
        String email = "reverse.one@order.example";
        byte[] scheduled = Payloads.booking("EVNT-REV1A", "booking.scheduled", booking, email, "Rita", "Reverse",
                T0, T0.plus(Duration.ofDays(5)));
        byte[] rescheduled = Payloads.booking("EVNT-REV1B", "booking.rescheduled", booking, email, "Rita", "Reverse",
                T0.plusSeconds(3600), T0.plus(Duration.ofDays(6)));
        byte[] canceled = Payloads.booking("EVNT-REV1C", "booking.canceled", booking, email, "Rita", "Reverse",
                T0.plusSeconds(7200), T0.plus(Duration.ofDays(6)));
        for (Object[] step : new Object[][] {{canceled, "EVNT-REV1C"}, {rescheduled, "EVNT-REV1B"}, {scheduled, "EVNT-REV1A"}}) {
            assertThat(h.client.send((byte[]) step[0]).status()).isEqualTo(200);
            h.awaitSettled(List.of((String) step[1]), Duration.ofSeconds(30));
        }
        assertThat(h.app.inbox().findByEventId("EVNT-REV1B").orElseThrow().status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(h.app.inbox().findByEventId("EVNT-REV1A").orElseThrow().status()).isEqualTo(InboxStatus.IGNORED);
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = '" + email + "'");
        assertThat(leads).hasSize(1);
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, Subject FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'");
        assertThat(events).as("no live Event for a canceled booking")
                .allSatisfy(e -> assertThat(Harness.text(e, "Subject")).startsWith("Canceled"));
    }

    @Test
    @DisplayName("scheduled, rescheduled, canceled delivered in reverse order at once: applied in booking order, one canceled Event at the new time")
    void reverseOrderAtOnce() throws Exception {
        String booking = "BKNG-REV00002";
        String email = "reverse.two@order.example";
        Instant newStart = T0.plus(Duration.ofDays(8));
        byte[] scheduled = Payloads.booking("EVNT-REV2A", "booking.scheduled", booking, email, "Rolf", "Reverse",
                T0, T0.plus(Duration.ofDays(7)));
        byte[] rescheduled = Payloads.booking("EVNT-REV2B", "booking.rescheduled", booking, email, "Rolf", "Reverse",
                T0.plusSeconds(3600), newStart);
        byte[] canceled = Payloads.booking("EVNT-REV2C", "booking.canceled", booking, email, "Rolf", "Reverse",
                T0.plusSeconds(7200), newStart);
        h.app.workers().pauseUntil(Instant.now().plus(Duration.ofMinutes(5)), "test: deliver all three first");
        try {
            assertThat(h.client.send(canceled).status()).isEqualTo(200);
            assertThat(h.client.send(rescheduled).status()).isEqualTo(200);
            assertThat(h.client.send(scheduled).status()).isEqualTo(200);
        } finally {
            h.app.workers().resume();
        }
        Map<String, InboxEntry> entries = h.awaitSettled(List.of("EVNT-REV2A", "EVNT-REV2B", "EVNT-REV2C"), Duration.ofSeconds(30));
        assertThat(entries.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = '" + email + "'");
        assertThat(leads).hasSize(1);
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, Subject, StartDateTime FROM Event WHERE WhoId = '"
                + leads.get(0).getId() + "'");
        assertThat(events).hasSize(1);
        assertThat(Harness.text(events.get(0), "Subject")).startsWith("Canceled");
        assertThat(Harness.text(events.get(0), "StartDateTime")).startsWith(newStart.toString().replace("Z", ""));
    }
}
