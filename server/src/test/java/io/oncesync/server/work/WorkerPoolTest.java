package io.oncesync.server.work;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.IncomingEvent;
import io.oncesync.server.inbox.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerPoolTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));
    private static final WorkerSettings SETTINGS = new WorkerSettings(10, 2, Duration.ofMinutes(5), 3, BACKOFF,
            Duration.ofMillis(200), Duration.ofSeconds(10));

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    final RecordingProcessor processor = new RecordingProcessor();
    InboxDatabase db;
    InboxStore inbox;

    @BeforeEach
    void open() {
        db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults().withClock(clock));
        inbox = db.inbox();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private WorkerPool stepped(WorkerSettings settings) {
        return new WorkerPool(inbox, processor, settings, clock, new Random(7));
    }

    private long admit(IncomingEvent event) {
        return inbox.admit(event).join().inboxId();
    }

    private InboxEntry entry(long id) {
        return inbox.find(id).orElseThrow();
    }

    @Test
    @DisplayName("A retryable failure is tried again after a jittered, doubling backoff, then becomes a dead letter")
    void retryWithBackoffThenDead() {
        processor.answering(e -> Outcome.retry("UNABLE_TO_LOCK_ROW: unable to obtain exclusive access", "trace"));
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0));
        WorkerPool pool = stepped(SETTINGS);

        assertThat(pool.processNextBatch()).isEqualTo(1);
        InboxEntry first = entry(id);
        assertThat(first.status()).isEqualTo(InboxStatus.RETRY);
        assertThat(Duration.between(clock.instant(), first.nextAttemptAt()).toMillis()).isBetween(1_000L, 2_000L);
        assertThat(pool.processNextBatch()).isZero();

        clock.set(first.nextAttemptAt());
        assertThat(pool.processNextBatch()).isEqualTo(1);
        InboxEntry second = entry(id);
        assertThat(Duration.between(clock.instant(), second.nextAttemptAt()).toMillis()).isBetween(2_000L, 4_000L);

        clock.set(second.nextAttemptAt());
        assertThat(pool.processNextBatch()).isEqualTo(1);
        InboxEntry dead = entry(id);
        assertThat(dead.status()).isEqualTo(InboxStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError())
                .isEqualTo("gave up after 3 attempts: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access");
        assertThat(processor.seen).hasSize(3);
    }

    @Test
    @DisplayName("A permanent failure is a dead letter with error and trace, and a replay applies it once fixed")
    void deadLetterThenReplay() {
        processor.answering(e -> Outcome.failed("FIELD_CUSTOM_VALIDATION_EXCEPTION: Company is required",
                "Create a Lead for an unknown guest"));
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0));
        WorkerPool pool = stepped(SETTINGS);
        pool.processNextBatch();
        InboxEntry dead = entry(id);
        assertThat(dead.status()).isEqualTo(InboxStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION: Company is required");
        assertThat(dead.decisionTrace()).isEqualTo("Create a Lead for an unknown guest");

        processor.answering(e -> Outcome.applied("00Q9", List.of("00U9"), "fixed"));
        assertThat(inbox.replay(id)).isTrue();
        assertThat(pool.processNextBatch()).isEqualTo(1);
        assertThat(entry(id).status()).isEqualTo(InboxStatus.APPLIED);
        assertThat(entry(id).personId()).isEqualTo("00Q9");
    }

    @Test
    @DisplayName("A pause outcome stops all claiming until its time, does not count the attempt, and resumes by itself")
    void pauseAndResume() {
        Instant until = clock.instant().plus(Duration.ofMinutes(10));
        processor.answering(e -> Outcome.pause(until, "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."));
        long first = admit(incoming("EVNT-1", "BKNG-1", null, T0));
        WorkerPool pool = stepped(SETTINGS.withBatchSize(1));

        Instant pausedAt = clock.instant();
        assertThat(pool.processNextBatch()).isEqualTo(1);
        assertThat(pool.state()).isEqualTo(
                new PipelineState(until, "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", 0, pausedAt));
        assertThat(entry(first).attempts()).isZero();
        assertThat(entry(first).status()).isEqualTo(InboxStatus.RECEIVED);

        admit(incoming("EVNT-2", "BKNG-2", null, T0));
        clock.advance(Duration.ofMinutes(9));
        assertThat(pool.processNextBatch()).isZero();
        assertThat(processor.seen).hasSize(1);

        processor.answering(e -> Outcome.applied(null, List.of(), null));
        clock.advance(Duration.ofMinutes(1));
        assertThat(pool.processNextBatch() + pool.processNextBatch()).isEqualTo(2);
        assertThat(pool.state().paused()).isFalse();
        assertThat(pool.state().pausedSince()).isNull();
        assertThat(inbox.countByStatus()).containsEntry(InboxStatus.APPLIED, 2L);
    }

    @Test
    @DisplayName("When the processor throws, every event of the batch is retried with the failure recorded")
    void processorExceptionMeansRetry() {
        WorkerPool pool = new WorkerPool(inbox, batch -> {
            throw new IllegalStateException("gateway not ready");
        }, SETTINGS, clock, new Random(1));
        long a = admit(incoming("EVNT-a", "BKNG-a", null, T0));
        long b = admit(incoming("EVNT-b", "BKNG-b", null, T0));
        assertThat(pool.processNextBatch()).isEqualTo(2);
        assertThat(List.of(entry(a), entry(b))).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(InboxStatus.RETRY);
            assertThat(e.lastError()).isEqualTo("the processor failed: java.lang.IllegalStateException: gateway not ready");
        });
    }

    @Test
    @DisplayName("An event the processor gives no outcome for is retried, its neighbours are settled normally")
    void missingOutcomeMeansRetry() {
        long a = admit(incoming("EVNT-a", "BKNG-a", null, T0));
        long b = admit(incoming("EVNT-b", "BKNG-b", null, T0));
        WorkerPool pool = new WorkerPool(inbox, batch -> Map.of(a, Outcome.ignored("not a booking we sync", "t")),
                SETTINGS, clock, new Random(1));
        pool.processNextBatch();
        assertThat(entry(a).status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(entry(b).status()).isEqualTo(InboxStatus.RETRY);
        assertThat(entry(b).lastError()).isEqualTo("the processor returned no outcome for this event");
    }

    @Test
    @DisplayName("Running workers apply a backlog in last-updated order per booking, though it arrived reversed")
    void runningPoolKeepsBookingOrder() throws Exception {
        WorkerPool pool = new WorkerPool(inbox, processor, SETTINGS.withParallelBatches(3).withBatchSize(4),
                Clock.systemUTC(), new Random(3));
        processor.expect(40);
        for (int i = 39; i >= 0; i--) {
            admit(incoming("EVNT-" + i, "BKNG-" + (i % 4), "email:g" + (i % 3) + "@x.org", T0.plusSeconds(i)));
        }
        pool.start();
        assertThat(processor.awaitEvents()).isTrue();
        pool.close();

        assertThat(processor.overlaps).hasValue(0);
        assertThat(processor.seen).hasSize(40);
        Map<String, List<Instant>> byBooking = processor.seen.stream().collect(Collectors.groupingBy(
                InboxEvent::bookingId, Collectors.mapping(InboxEvent::orderAt, Collectors.toList())));
        assertThat(byBooking.values()).allSatisfy(times -> assertThat(times).isSorted());
        assertThat(inbox.countByStatus()).containsEntry(InboxStatus.APPLIED, 40L);
    }

    @Test
    @DisplayName("Independent events are processed in parallel batches")
    void independentEventsRunInParallel() throws Exception {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        CountDownLatch done = new CountDownLatch(2);
        WorkerPool pool = new WorkerPool(inbox, batch -> {
            bothRunning.await(30, TimeUnit.SECONDS);
            done.countDown();
            return batch.stream().collect(Collectors.toMap(InboxEvent::id, e -> Outcome.applied(null, List.of(), null)));
        }, SETTINGS.withBatchSize(1).withParallelBatches(2), Clock.systemUTC(), new Random(3));
        admit(incoming("EVNT-a", "BKNG-a", "email:a@x.org", T0));
        admit(incoming("EVNT-b", "BKNG-b", "email:b@x.org", T0));
        pool.start();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.close();
        assertThat(inbox.countByStatus()).containsEntry(InboxStatus.APPLIED, 2L);
    }

    @Test
    @DisplayName("Shutdown lets a batch finish within the grace period and releases one that does not")
    void gracefulShutdown() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        WorkerPool pool = new WorkerPool(inbox, batch -> {
            started.countDown();
            never.await();
            return Map.of();
        }, SETTINGS.withShutdownGrace(Duration.ofMillis(100)), Clock.systemUTC(), new Random(3));
        long id = admit(incoming("EVNT-1", "BKNG-1", null, T0));
        pool.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        pool.close();
        InboxEntry released = entry(id);
        assertThat(released.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(released.attempts()).isZero();
    }

    /**
     * A processor that keeps going, deaf to interrupts like a rule or a driver that swallows them, until the pool
     * tells it the batch was abandoned (or 30 s pass); then it answers "applied", which the pool must drop.
     */
    private static final class WaitsUntilAbandoned implements EventProcessor {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        final AtomicBoolean sawAbandoned = new AtomicBoolean();

        @Override
        public Map<Long, Outcome> process(List<InboxEvent> batch) {
            throw new AssertionError("the pool calls the variant that can tell it the batch was given up");
        }

        @Override
        public Map<Long, Outcome> process(List<InboxEvent> batch, BooleanSupplier abandoned) {
            running.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!abandoned.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException swallowed) {
                    // only the flag tells
                }
            }
            sawAbandoned.set(abandoned.getAsBoolean());
            answered.countDown();
            return batch.stream().collect(Collectors.toMap(InboxEvent::id, e -> Outcome.applied("00Q-late", List.of(), null)));
        }
    }

    @Test
    @DisplayName("A batch given up at its time limit is told so, even when the interrupt that came with it was swallowed")
    void abandonedBatchIsToldSo() throws Exception {
        WaitsUntilAbandoned slow = new WaitsUntilAbandoned();
        WorkerPool pool = new WorkerPool(inbox, slow, SETTINGS.withBatchTimeout(Duration.ofMillis(300)), Clock.systemUTC(),
                new Random(3));
        long id = admit(incoming("EVNT-slow", "BKNG-slow", "email:slow@x.org", T0));
        pool.start();
        assertThat(slow.answered.await(30, TimeUnit.SECONDS)).isTrue();
        pool.close();
        assertThat(slow.sawAbandoned).isTrue();
        // what the abandoned batch returned is dropped: the event went back to the inbox, not APPLIED
        assertThat(entry(id).status()).isNotEqualTo(InboxStatus.APPLIED);
    }

    @Test
    @DisplayName("A batch whose lease ran out and whose events another instance took over is given up and told so")
    void lostClaimIsAbandoned() throws Exception {
        WaitsUntilAbandoned stalled = new WaitsUntilAbandoned();
        // The pool keeps time by the wall clock; the inbox by `clock`, which the test moves past the lease, as if
        // this process had stalled, before another instance claims the event.
        WorkerPool pool = new WorkerPool(inbox, stalled, new WorkerSettings(10, 2, Duration.ofMillis(600), 3, BACKOFF,
                Duration.ofMillis(50), Duration.ofSeconds(10)), Clock.systemUTC(), new Random(3));
        long id = admit(incoming("EVNT-stall", "BKNG-stall", "email:stall@x.org", T0));
        pool.start();
        assertThat(stalled.running.await(30, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(5));
        InboxStore otherInstance = db.inbox();
        assertThat(otherInstance.claim(10, Duration.ofMinutes(5)).events()).extracting(InboxEvent::id).containsExactly(id);
        assertThat(stalled.answered.await(30, TimeUnit.SECONDS)).isTrue();
        pool.close();
        assertThat(stalled.sawAbandoned).isTrue();
        // the late answer of the stalled batch was dropped: the event is still the other instance's to settle
        assertThat(entry(id).status()).isEqualTo(InboxStatus.PROCESSING);
    }
}
