package io.oncesync.server.work;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Adaptive batching (claim gate)")
class AdaptiveClaimTest {
    /** A long idle poll: only admissions, finished batches and the gate's signal may wake the dispatcher. */
    private static final WorkerSettings SETTINGS = new WorkerSettings(10, 2, Duration.ofMinutes(5), 3,
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10)), Duration.ofMinutes(1), Duration.ofSeconds(10));

    @TempDir
    Path dataDir;
    InboxDatabase db;
    InboxStore inbox;
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch firstMayFinish = new CountDownLatch(1);
    final List<Runnable> roomListeners = new CopyOnWriteArrayList<>();

    /** A gate like Salesforce's call slots: always room, signalled by hand. */
    final ClaimGate gate = new ClaimGate() {
        @Override
        public boolean hasRoom() {
            return true;
        }

        @Override
        public void onRoom(Runnable listener) {
            roomListeners.add(listener);
        }

        @Override
        public boolean collectsWhileBusy() {
            return true;
        }
    };

    /** Records each batch's event ids; the first batch waits until the test lets it finish. */
    final EventProcessor processor = batch -> {
        batches.add(batch.stream().map(InboxEvent::eventId).toList());
        if (batches.size() == 1) {
            try {
                firstMayFinish.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<Long, Outcome> out = new LinkedHashMap<>();
        batch.forEach(e -> out.put(e.id(), Outcome.applied("00Q000000000001AAA", List.of(), null)));
        return out;
    };

    @BeforeEach
    void open() {
        db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults().withClock(Clock.systemUTC()));
        inbox = db.inbox();
    }

    @AfterEach
    void close() {
        firstMayFinish.countDown();
        db.close();
    }

    @Test
    @DisplayName("an event arriving at idle is claimed at once; while it is in flight later ones collect and go as one batch when a call ends")
    void collectsWhileBusyAndFlushesOnSignal() throws Exception {
        try (WorkerPool pool = new WorkerPool(inbox, processor, SETTINGS, Clock.systemUTC(), new Random(1), gate)) {
            pool.start();
            inbox.admit(incoming("EVNT-A0", "BKNG-A0", "guest-a", T0)).join();
            await(() -> batches.size() == 1);
            assertThat(batches.get(0)).containsExactly("EVNT-A0");

            for (int i = 1; i <= 5; i++) {
                inbox.admit(incoming("EVNT-B" + i, "BKNG-B" + i, "guest-b" + i, T0.plusSeconds(i))).join();
            }
            Thread.sleep(300);
            assertThat(batches).as("admissions while a batch is in flight wait for a signal").hasSize(1);

            roomListeners.forEach(Runnable::run);
            await(() -> batches.size() == 2);
            assertThat(batches.get(1)).containsExactly("EVNT-B1", "EVNT-B2", "EVNT-B3", "EVNT-B4", "EVNT-B5");
            firstMayFinish.countDown();
        }
    }

    @Test
    @DisplayName("without a collecting gate, an admission during a batch is claimed at once by a free worker")
    void openGateClaimsAtOnce() throws Exception {
        try (WorkerPool pool = new WorkerPool(inbox, processor, SETTINGS, Clock.systemUTC(), new Random(1))) {
            pool.start();
            inbox.admit(incoming("EVNT-C0", "BKNG-C0", "guest-c", T0)).join();
            await(() -> batches.size() == 1);
            inbox.admit(incoming("EVNT-D1", "BKNG-D1", "guest-d", T0.plusSeconds(1))).join();
            await(() -> batches.size() == 2);
            assertThat(batches.get(1)).containsExactly("EVNT-D1");
            firstMayFinish.countDown();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not reached within 30 s").isBefore(end);
            Thread.sleep(10);
        }
    }
}
