package io.oncesync.server.inbox;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two instances (two {@link InboxDatabase}s) on one PostgreSQL database: takeover, signals, shared rules, claims. */
class PostgresInstancesTest {
    private static EmbeddedPostgres postgres;
    private DataSource shared;
    private InboxDatabase a;
    private InboxDatabase b;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void open() throws Exception {
        shared = PostgresInboxStoreTest.freshDatabase(postgres);
        InboxOptions options = InboxOptions.defaults().withInstanceTimeout(Duration.ofSeconds(2));
        a = InboxDatabase.postgres(shared, options);
        b = InboxDatabase.postgres(shared, options);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    @DisplayName("The claims of an instance that stopped heartbeating are taken over, and its late settlement is refused")
    void deadInstanceIsTakenOver() throws Exception {
        InstanceRegistry ra = a.instances();
        InstanceRegistry rb = b.instances();
        ra.join();
        rb.join();
        a.inbox().admit(incoming("EVNT-1", "BKNG-1", "email:x@y.org", T0)).join();
        ClaimedBatch byA = a.inbox().claim(10, Duration.ofMinutes(5));
        assertThat(byA.events()).hasSize(1);
        assertThat(b.inbox().claim(10, Duration.ofMinutes(5)).events()).as("held by a live instance").isEmpty();
        assertThat(rb.heartbeat(0).isEmpty()).as("nobody is dead yet").isTrue();

        execute("UPDATE oncesync_instance SET heartbeat_at = heartbeat_at - 60000 WHERE id = '" + a.instanceId().id() + "'");
        InstanceRegistry.Takeover takeover = rb.heartbeat(0);
        assertThat(takeover.deadInstances()).containsExactly(a.instanceId().id());
        assertThat(takeover.freedEvents()).isEqualTo(1);
        assertThat(rb.heartbeat(0).isEmpty()).as("freed once, not again on every heartbeat").isTrue();

        ClaimedBatch byB = b.inbox().claim(10, Duration.ofMinutes(5));
        assertThat(byB.events()).extracting(InboxEvent::eventId).containsExactly("EVNT-1");
        assertThat(byB.events().get(0).attempts()).as("the taker's attempt is a retry").isEqualTo(2);
        a.inbox().settle(byA, Map.of(byA.events().get(0).id(), new Settlement.Applied("003A", List.of("00UA"), "by A")));
        assertThat(a.inbox().findByEventId("EVNT-1").orElseThrow().status()).isEqualTo(InboxStatus.PROCESSING);
        b.inbox().settle(byB, Map.of(byB.events().get(0).id(), new Settlement.Applied("003B", List.of("00UB"), "by B")));
        InboxEntry done = a.inbox().findByEventId("EVNT-1").orElseThrow();
        assertThat(done.status()).isEqualTo(InboxStatus.APPLIED);
        assertThat(done.personId()).isEqualTo("003B");

        ra.heartbeat(0);
        assertThat(rb.live()).extracting(InstanceRegistry.Instance::id)
                .as("the paused instance registered again").contains(a.instanceId().id(), b.instanceId().id());
        ra.leave();
        assertThat(rb.live()).extracting(InstanceRegistry.Instance::id).containsExactly(b.instanceId().id());
    }

    @Test
    @DisplayName("An event admitted through one instance is signalled to the other by NOTIFY")
    void admissionIsSignalled() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        a.signals().subscribe(Signals.Topic.WORK, woken::countDown);
        Thread.sleep(300); // the listener connection is LISTENing
        b.inbox().admit(incoming("EVNT-2", "BKNG-2", "email:s@y.org", T0)).join();
        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("Rule sets are published as increasing versions; only the first instance seeds them")
    void sharedRulesVersions() {
        SharedRules rules = a.sharedRules();
        assertThat(rules.latestVersion()).isZero();
        assertThat(rules.publish(Map.of("a.drl", "rule 1"), "A", true)).get().extracting(SharedRules.Version::version).isEqualTo(1L);
        assertThat(b.sharedRules().publish(Map.of("a.drl", "rule from B"), "B", true)).isEmpty();
        assertThat(b.sharedRules().publish(Map.of("a.drl", "rule 2", "settings.yaml", "x: 1"), "B", false)).isPresent();
        SharedRules.Version latest = rules.latest().orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.files()).containsEntry("a.drl", "rule 2").containsEntry("settings.yaml", "x: 1");
        assertThat(latest.publishedBy()).isEqualTo("B");
    }

    @Test
    @DisplayName("Two instances claiming at once never hold events of one key together, and both get work")
    void concurrentClaimsRespectKeys() throws Exception {
        int events = 300;
        List<java.util.concurrent.CompletableFuture<Admission>> admitted = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            admitted.add(a.inbox().admit(incoming("EVNT-C" + i, "BKNG-C" + (i % 60), "email:c" + (i % 40) + "@y.org",
                    T0.plusSeconds(i))));
        }
        admitted.forEach(java.util.concurrent.CompletableFuture::join);
        Set<String> heldKeys = ConcurrentHashMap.newKeySet();
        Map<String, Integer> claimedBy = new ConcurrentHashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            InboxDatabase db = t % 2 == 0 ? a : b;
            int instance = t % 2;
            workers.add(new Thread(() -> {
                int idle = 0;
                while (idle < 50) {
                    ClaimedBatch batch = db.inbox().claim(5, Duration.ofMinutes(5));
                    if (batch.isEmpty()) {
                        idle++;
                        sleep(10);
                        continue;
                    }
                    idle = 0;
                    List<String> keys = new ArrayList<>();
                    for (InboxEvent e : batch.events()) {
                        claimedBy.merge(e.eventId(), 1, Integer::sum);
                        for (String k : List.of("booking:" + e.bookingId(), "guest:" + e.guestKey())) {
                            if (!heldKeys.add(k)) {
                                violations.add(k + " held twice (" + e.eventId() + ", instance " + instance + ")");
                            }
                            keys.add(k);
                        }
                    }
                    sleep(2);
                    keys.forEach(heldKeys::remove);
                    Map<Long, Settlement> applied = new java.util.LinkedHashMap<>();
                    batch.events().forEach(e -> applied.put(e.id(), new Settlement.Applied(null, List.of(), "")));
                    db.inbox().settle(batch, applied);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join(120_000);
        }
        assertThat(violations).isEmpty();
        assertThat(claimedBy).hasSize(events);
        assertThat(claimedBy.values()).containsOnly(1);
        assertThat(a.inbox().countByStatus()).containsEntry(InboxStatus.APPLIED, (long) events);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
