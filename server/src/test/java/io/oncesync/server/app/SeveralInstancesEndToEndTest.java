package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.settings.SettingsLoader;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three {@code oncesync serve} child JVMs on one PostgreSQL behind one address: a burst of 1,000 signed webhooks
 * (500 bookings, each scheduled then rescheduled, 200 guests) spread across them; one instance is killed with SIGKILL
 * in the middle and another restarted (SIGTERM, start again: a rolling upgrade). Then a settings change made through
 * one instance must be in force on all three a second later.
 */
@DisplayName("End to end, several instances on one PostgreSQL")
class SeveralInstancesEndToEndTest {
    private static final int BOOKINGS = 500;
    private static final int GUESTS = 200;
    private static final int KILL_AFTER_ACKS = 650;
    private static final int RESTART_AFTER_ACKS = 800;
    private static final Instant T0 = Instant.parse("2026-11-04T10:00:00Z");
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    @DisplayName("every acknowledged event is applied exactly once, one person per guest, each booking in order,"
            + " through a SIGKILL and a rolling restart; a settings change reaches all instances within a second")
    void severalInstances() throws Exception {
        try (ServeCluster cluster = new ServeCluster(3, 3)) {
            long t0 = System.nanoTime();
            cluster.startAll();
            long started = System.nanoTime();
            cluster.org.faults().latency(Duration.ofMillis(10));
            List<byte[]> bodies = new ArrayList<>();
            for (int b = 0; b < BOOKINGS; b++) {
                bodies.add(scheduled(b));
            }
            for (int b = 0; b < BOOKINGS; b++) {
                bodies.add(rescheduled(b));
            }
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            Disruption disruption = new Disruption(cluster);
            cluster.send(bodies, acknowledged, disruption::onAcks);
            // OnceHub retries what was not acknowledged until it is.
            cluster.sendUntilAcknowledged(bodies, acknowledged, acks -> { });
            assertThat(acknowledged).hasSize(bodies.size());
            long sent = System.nanoTime();
            Harness.awaitTrue(() -> cluster.open() == 0, Duration.ofSeconds(120), () -> "open events " + cluster.open());
            long drained = System.nanoTime();
            disruption.awaitRestart();
            long takeoverMs = disruption.awaitTakeoverAndRestart();
            System.out.printf("several instances: start %d ms, burst %d ms, drained %d ms later; instance 1 held %d"
                    + " events when killed, all taken over %d ms after the kill%n", (started - t0) / 1_000_000,
                    (sent - started) / 1_000_000, (drained - sent) / 1_000_000, disruption.heldAtKill, takeoverMs);

            assertExactlyOnceAndInOrder(cluster);
            assertSettingsChangeReachesEveryInstance(cluster);
        }
    }

    /** Kills instance 1 and restarts instance 2 at set points of the burst, and watches the takeover. */
    private static final class Disruption {
        final ServeCluster cluster;
        volatile long killedAtNanos;
        volatile long heldAtKill = -1;
        volatile long takenOverAfterMs = -1;
        private Thread restart;
        private Thread watcher;

        Disruption(ServeCluster cluster) {
            this.cluster = cluster;
        }

        synchronized void onAcks(int acks) {
            long pid = cluster.process(1).pid();
            // Killed while it holds claimed events (at the latest a little later in the burst), so they must be taken over.
            if (acks >= KILL_AFTER_ACKS && killedAtNanos == 0 && (held(pid) > 0 || acks >= KILL_AFTER_ACKS + 150)) {
                cluster.kill(1);
                killedAtNanos = System.nanoTime();
                heldAtKill = held(pid);
                // Watches the takeover, then brings the killed instance back (as its supervisor would).
                watcher = new Thread(() -> {
                    while (held(pid) != 0) {
                        sleep(10);
                    }
                    takenOverAfterMs = (System.nanoTime() - killedAtNanos) / 1_000_000;
                    try {
                        cluster.start(1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                watcher.start();
            }
            if (acks >= RESTART_AFTER_ACKS && restart == null) {
                restart = new Thread(() -> {
                    try {
                        cluster.stop(2);
                        cluster.start(2);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                restart.start();
            }
        }

        long held(long pid) {
            try {
                return cluster.count("status = 'PROCESSING' AND claimed_by LIKE '%:" + pid + ":%'");
            } catch (java.sql.SQLException e) {
                return -1;
            }
        }

        void awaitRestart() throws Exception {
            assertThat(restart).as("the rolling restart began").isNotNull();
            restart.join(120_000);
            assertThat(cluster.status(2, "/health")).isEqualTo(200);
            assertThat(java.nio.file.Files.readString(cluster.log(2, 1))).as("SIGTERM is a graceful stop")
                    .contains("shutting down").contains("stopped");
        }

        /** Milliseconds from the kill until no event is still claimed by the dead instance; it runs again after. */
        long awaitTakeoverAndRestart() throws InterruptedException {
            assertThat(killedAtNanos).as("instance 1 was killed").isPositive();
            watcher.join(120_000);
            assertThat(takenOverAfterMs).as("the dead instance's events were taken over").isNotNegative();
            assertThat(cluster.status(1, "/health")).isEqualTo(200);
            return takenOverAfterMs;
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void assertExactlyOnceAndInOrder(ServeCluster cluster) throws Exception {
        Map<String, List<Object[]>> perBooking = new HashMap<>();
        Map<String, Long> statuses = new HashMap<>();
        try (Connection c = cluster.sql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT booking_id, status, order_at, finished_at FROM inbox_event"
                     + " WHERE booking_id LIKE 'BKNG-M%' ORDER BY order_at")) {
            while (rs.next()) {
                statuses.merge(rs.getString(2), 1L, Long::sum);
                perBooking.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Object[] {rs.getString(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        System.out.println("several instances: inbox outcomes " + statuses);
        assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * BOOKINGS);
        assertThat(statuses.keySet()).as("every event applied (or skipped as superseded), none failed")
                .isSubsetOf(Set.of("APPLIED", "IGNORED"));
        perBooking.forEach((booking, events) -> {
            long previous = 0;
            for (Object[] e : events) {
                if ("APPLIED".equals(e[0])) {
                    assertThat((Long) e[2]).as("%s: events applied in booking order", booking).isGreaterThanOrEqualTo(previous);
                    previous = (Long) e[2];
                }
            }
        });

        PartnerConnection sf = Harness.salesforce(cluster.org);
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, WhoId, StartDateTime, Description FROM Event");
        Map<String, List<SObject>> eventsPerBooking = events.stream()
                .filter(e -> Harness.text(e, "Description").contains("BKNG-M"))
                .collect(Collectors.groupingBy(e -> Harness.text(e, "Description").replaceAll("(?s).*(BKNG-M[0-9]{4}).*", "$1")));
        assertThat(eventsPerBooking).as("bookings with an Event").hasSize(BOOKINGS);
        assertThat(eventsPerBooking.entrySet().stream().filter(e -> e.getValue().size() != 1).map(Map.Entry::getKey).toList())
                .as("bookings with more than one Event").isEmpty();
        for (int b = 0; b < BOOKINGS; b++) {
            SObject event = eventsPerBooking.get(bookingId(b)).get(0);
            assertThat(Instant.parse(Harness.text(event, "StartDateTime")))
                    .as("%s ends at its rescheduled time (the later snapshot won)", bookingId(b)).isEqualTo(rescheduledStart(b));
        }
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id, Email FROM Lead WHERE Email LIKE '%@multi.example'");
        Map<String, Long> perEmail = leads.stream().collect(Collectors.groupingBy(l -> Harness.text(l, "Email"), Collectors.counting()));
        assertThat(perEmail).as("one Lead per guest").hasSize(GUESTS);
        assertThat(perEmail.values()).containsOnly(1L);
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Contact WHERE Email LIKE '%@multi.example'")).isEmpty();
    }

    private static void assertSettingsChangeReachesEveryInstance(ServeCluster cluster) throws Exception {
        String yaml = SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE).replace("new-contacts: Lead", "new-contacts: Contact");
        assertThat(yaml).contains("new-contacts: Contact");
        var answer = cluster.admin(0, "/admin/rules/upload",
                new JsonObject().put("files", new JsonObject().put("settings.yaml", yaml)).encode());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Thread.sleep(1_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = "EVNT-MS" + i;
            ids.add(id);
            byte[] body = Payloads.booking(id, "booking.scheduled", "BKNG-MS" + i, "settings" + i + "@after.example", "Sam",
                    "After" + i, T0.plusSeconds(7200 + i), START.plus(Duration.ofDays(3)));
            assertThat(cluster.direct(i).send(body).acknowledged()).isTrue();
        }
        Harness.awaitTrue(() -> {
            try {
                return cluster.count("event_id LIKE 'EVNT-MS%' AND status = 'APPLIED'") == 3;
            } catch (java.sql.SQLException e) {
                return false;
            }
        }, Duration.ofSeconds(60), () -> "the three new guests were not applied");
        PartnerConnection sf = Harness.salesforce(cluster.org);
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Contact WHERE Email LIKE '%@after.example'"))
                .as("a new guest on every instance became a Contact").hasSize(3);
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email LIKE '%@after.example'")).isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.get(i, "/ready")).as("instance %d", i).contains("shared version 2");
            assertThat(cluster.get(i, "/metrics")).contains("oncesync_rules_version_info{version=\"2\"} 1");
        }
    }

    private static byte[] scheduled(int b) {
        return Payloads.booking("EVNT-M" + String.format("%04d", b) + "A", "booking.scheduled", bookingId(b), guest(b),
                "Kim", "Guest" + (b % GUESTS), T0.plusSeconds(b), START.plus(Duration.ofMinutes(30L * b)));
    }

    private static byte[] rescheduled(int b) {
        return Payloads.booking("EVNT-M" + String.format("%04d", b) + "B", "booking.rescheduled", bookingId(b), guest(b),
                "Kim", "Guest" + (b % GUESTS), T0.plusSeconds(3600 + b), rescheduledStart(b));
    }

    private static Instant rescheduledStart(int b) {
        return START.plus(Duration.ofMinutes(30L * b)).plus(Duration.ofDays(1));
    }

    private static String guest(int b) {
        return "guest" + (b % GUESTS) + "@multi.example";
    }

    private static String bookingId(int b) {
        return "BKNG-M" + String.format("%04d", b);
    }

}
