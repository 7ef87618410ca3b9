package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A burst applied with Salesforce calls in parallel while the org misbehaves mid-burst: sessions expire, rows are
 * locked, calls get HTML 503 pages and dropped connections, the API allowance runs out for a while.
 */
@DisplayName("End to end, a burst with faults injected mid-way")
class ConcurrentFaultsEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final int GUESTS = 30;
    private static final int BOOKINGS_PER_GUEST = 3;
    private static final String DOMAIN = "@burst-faults.example";
    private Harness h;
    private PartnerConnection sf;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(Harness.testOptions(), Map.of(ConfigKey.SF_MAX_CONCURRENT_CALLS.envName(), "6"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private record Delivery(String eventId, byte[] body) {
    }

    @Test
    @DisplayName("every accepted event is applied exactly once, one person per guest, each booking's updates in order")
    void burstWithFaults() throws Exception {
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, Instant> rescheduledTo = new java.util.HashMap<>();
        for (int g = 0; g < GUESTS; g++) {
            String email = "guest" + g + DOMAIN;
            for (int b = 0; b < BOOKINGS_PER_GUEST; b++) {
                String booking = "BKNG-BF" + g + "X" + b;
                Instant start = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(g * 4L + b));
                deliveries.add(new Delivery("EVNT-BF" + g + "S" + b, Payloads.booking("EVNT-BF" + g + "S" + b,
                        "booking.scheduled", booking, email, "Guest", "Faulty" + g, T0.plusSeconds(g * 10L + b), start)));
                if (b == 0) {
                    Instant moved = start.plus(Duration.ofDays(1));
                    rescheduledTo.put(booking, moved);
                    deliveries.add(new Delivery("EVNT-BF" + g + "R" + b, Payloads.booking("EVNT-BF" + g + "R" + b,
                            "booking.rescheduled", booking, email, "Guest", "Faulty" + g,
                            T0.plusSeconds(g * 10L + b).plus(Duration.ofHours(1)), moved)));
                }
            }
        }
        Collections.shuffle(deliveries, new Random(12));
        h.org.faults().latency(Duration.ofMillis(20));

        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            senders.add(pool.submit(() -> {
                int refused = 0;
                for (int i = sent.getAndIncrement(); i < deliveries.size(); i = sent.getAndIncrement()) {
                    refused += h.client.send(deliveries.get(i).body()).acknowledged() ? 0 : 1;
                    Thread.sleep(5);
                }
                return refused;
            }));
        }
        injectFaults(sent, deliveries.size());
        for (Future<Integer> f : senders) {
            assertThat(f.get()).as("webhooks refused").isZero();
        }
        pool.shutdown();

        List<String> ids = deliveries.stream().map(Delivery::eventId).toList();
        Map<String, InboxEntry> entries = h.awaitSettled(ids, Duration.ofSeconds(120));
        assertThat(entries.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);

        sf = h.sf(); // the test's own session expired with everyone else's
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id, Email FROM Lead WHERE Email LIKE '%" + DOMAIN + "'");
        List<SObject> contacts = Harness.queryAll(sf, "SELECT Id FROM Contact WHERE Email LIKE '%" + DOMAIN + "'");
        assertThat(contacts).isEmpty();
        assertThat(leads).as("one person per guest").hasSize(GUESTS);
        assertThat(leads.stream().map(l -> Harness.text(l, "Email")).distinct()).hasSize(GUESTS);

        List<SObject> events = Harness.queryAll(sf, "SELECT Id, Description, StartDateTime FROM Event");
        Map<String, List<SObject>> perBooking = events.stream()
                .filter(e -> Harness.text(e, "Description").contains("BKNG-BF"))
                .collect(Collectors.groupingBy(e -> Harness.text(e, "Description")
                        .replaceAll("(?s).*(BKNG-BF[0-9]+X[0-9]+).*", "$1"), Collectors.toList()));
        assertThat(perBooking).as("bookings with an Event").hasSize(GUESTS * BOOKINGS_PER_GUEST);
        assertThat(perBooking.values()).as("Events per booking").allSatisfy(list -> assertThat(list).hasSize(1));
        rescheduledTo.forEach((booking, moved) -> assertThat(Harness.text(perBooking.get(booking).get(0), "StartDateTime"))
                .as("%s applied its reschedule after its scheduling", booking)
                .startsWith(moved.toString().replace("Z", "")));
        Map<String, Long> personPerGuest = entries.values().stream().collect(Collectors.groupingBy(
                e -> e.eventId().replaceAll("EVNT-BF([0-9]+)[SR].*", "$1"),
                Collectors.mapping(InboxEntry::personId, Collectors.toSet()))).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
        assertThat(personPerGuest.values()).as("every event of a guest names the same person").containsOnly(1L);
    }

    /** Faults at a quarter, half and three quarters of the burst. */
    private void injectFaults(AtomicInteger sent, int total) throws InterruptedException {
        awaitSent(sent, total / 4);
        h.org.faults().expireAllSessions();
        h.org.faults().lockRowsNext(10);
        awaitSent(sent, total / 2);
        h.org.faults().html503Next(3);
        h.org.faults().dropConnectionsNext(2);
        awaitSent(sent, total * 3 / 4);
        h.org.faults().exhaustApiLimit();
        Thread.sleep(1500);
        h.org.faults().clear().latency(Duration.ofMillis(20));
        h.org.faults().expireAllSessions();
    }

    private static void awaitSent(AtomicInteger sent, int n) throws InterruptedException {
        Harness.awaitTrue(() -> sent.get() >= n, Duration.ofSeconds(60), () -> "sent " + sent.get() + " of " + n);
    }
}
