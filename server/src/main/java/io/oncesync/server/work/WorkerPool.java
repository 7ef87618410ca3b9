package io.oncesync.server.work;

import io.oncesync.server.inbox.ClaimedBatch;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due events from the inbox in batches and runs them through the processor on a fixed set of worker threads.
 *
 * <p>One dispatcher thread claims; it sleeps when there is nothing to do and is woken by new admissions, finished
 * batches, the next retry time or the end of a pause (and at the latest after {@code idlePoll}) — it never spins.
 * Ordering is the inbox's job: a claim never returns an event whose booking or guest is busy or has an earlier
 * open event.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration CONTENDED_RETRY = Duration.ofMillis(20);

    private final InboxStore store;
    private final EventProcessor processor;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Random random;
    private final ClaimGate gate;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Batches being processed on worker threads. */
    private final Map<ClaimedBatch, Running> active = new ConcurrentHashMap<>();
    private boolean signalled;
    private volatile Instant pausedUntil;
    private volatile String pauseReason;
    private volatile Instant pausedSince;
    private volatile boolean running;
    private ExecutorService executor;
    private Thread dispatcher;

    private final PauseSchedule pauses;

    public WorkerPool(InboxStore store, EventProcessor processor, WorkerSettings settings, Clock clock, Random random) {
        this(store, processor, settings, clock, random, ClaimGate.OPEN, null);
    }

    /** @param gate claims wait while it has no room (adaptive batching), see {@link ClaimGate} */
    public WorkerPool(InboxStore store, EventProcessor processor, WorkerSettings settings, Clock clock, Random random,
                      ClaimGate gate) {
        this(store, processor, settings, clock, random, gate, null);
    }

    public WorkerPool(InboxStore store, EventProcessor processor, WorkerSettings settings, Clock clock, Random random,
                      PauseSchedule pauses) {
        this(store, processor, settings, clock, random, ClaimGate.OPEN, pauses);
    }

    /**
     * @param gate   claims wait while it has no room (adaptive batching), see {@link ClaimGate}
     * @param pauses how long a pause lasts when the processor asks for one (growing while failures continue); null:
     *               exactly until the time the processor names
     */
    public WorkerPool(InboxStore store, EventProcessor processor, WorkerSettings settings, Clock clock, Random random,
                      ClaimGate gate, PauseSchedule pauses) {
        this.store = store;
        this.processor = processor;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.gate = gate;
        this.pauses = pauses;
    }

    /** Starts the dispatcher and the worker threads; new admissions wake them. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("the worker pool is already running");
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        // Not a fixed pool: a worker stuck in a batch past its time limit is left behind (Java cannot stop a thread
        // that ignores interruption) and a new thread takes its place; the dispatcher bounds batches in flight.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "oncesync-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        store.onAdmitted(this::admitted);
        gate.onRoom(this::wake);
        dispatcher = new Thread(this::dispatchLoop, "oncesync-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Asks the dispatcher to look for work now (e.g. after a replay). */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A new admission: claimed at once when idle; while busy, a collecting gate lets it wait for the next signal. */
    private void admitted() {
        if (inFlight.get() == 0 || !gate.collectsWhileBusy()) {
            wake();
        }
    }

    public PipelineState state() {
        return new PipelineState(pausedUntil, pauseReason, inFlight.get(), pausedSince);
    }

    /** Stops claiming until {@code until}; batches in flight finish. Resumes by itself. */
    public void pauseUntil(Instant until, String reason) {
        boolean changed = false;
        synchronized (this) {
            if (pausedUntil == null || until.isAfter(pausedUntil)) {
                changed = pausedUntil == null;
                if (changed) {
                    pausedSince = clock.instant();
                }
                pausedUntil = until;
                pauseReason = reason;
            }
        }
        if (changed) {
            // Logged once per pause, not once per event of the batch that hit the limit.
            LOG.warn("pipeline paused until {}: {}", until, reason);
        }
    }

    /** Ends a pause now (an admin says Salesforce is back); returns whether the pipeline was paused. */
    public boolean resume() {
        boolean was;
        synchronized (this) {
            was = pausedUntil != null;
            pausedUntil = null;
            pauseReason = null;
            pausedSince = null;
        }
        if (pauses != null) {
            pauses.succeeded();
        }
        if (was) {
            LOG.info("pipeline resumed by request");
        }
        wake();
        return was;
    }

    /**
     * Pauses for a processor's {@link Outcome.Pause}: for the next step of the pause schedule (at most until the
     * time the processor named). Batches running side by side that hit the same failure extend nothing: only the
     * first failure of a pause counts towards the next, longer one.
     */
    private void pauseFor(Outcome.Pause p) {
        if (pauses == null) {
            pauseUntil(p.until(), p.reason());
            return;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (pausedUntil != null && now.isBefore(pausedUntil)) {
                return;
            }
            Instant scheduled = now.plus(pauses.next());
            pauseUntil(scheduled.isBefore(p.until()) ? scheduled : p.until(), p.reason());
        }
    }

    /**
     * Claims one batch and processes it on the calling thread; returns how many events it processed (0 when paused
     * or nothing is claimable). For tests and tools that drive the pipeline step by step; do not mix with
     * {@link #start()}.
     */
    public int processNextBatch() {
        if (pausedNow(clock.instant()).isPresent()) {
            return 0;
        }
        ClaimedBatch batch = store.claim(settings.batchSize(), settings.lease());
        if (!batch.isEmpty()) {
            runBatch(batch, null);
        }
        return batch.events().size();
    }

    private void dispatchLoop() {
        while (running) {
            Duration wait;
            try {
                wait = dispatchOnce();
            } catch (RuntimeException e) {
                LOG.warn("claiming events failed, trying again in {}: {}", settings.idlePoll(), e.getMessage());
                wait = settings.idlePoll();
            }
            if (!wait.isZero()) {
                awaitSignal(wait);
            }
        }
    }

    /** One dispatcher step; returns how long to sleep (zero: look again at once). */
    private Duration dispatchOnce() {
        Instant now = clock.instant();
        renewLeases(now);
        Optional<Duration> pause = pausedNow(now);
        if (pause.isPresent()) {
            // Wake at least every idlePoll while paused, to keep renewing the leases of batches in flight.
            return min(pause.get(), settings.idlePoll());
        }
        if (inFlight.get() >= settings.parallelBatches()) {
            return settings.idlePoll();
        }
        if (inFlight.get() > 0 && !gate.hasRoom()) {
            // Adaptive batching: let events collect while the calls in flight finish; a freed slot wakes us.
            return settings.idlePoll();
        }
        ClaimedBatch batch = store.claim(settings.batchSize(), settings.lease());
        if (batch.isEmpty()) {
            // Another instance was claiming the same keys: they are free again within milliseconds.
            return batch.contended() ? CONTENDED_RETRY : untilNextDue(now);
        }
        inFlight.incrementAndGet();
        Running job = new Running(now);
        active.put(batch, job);
        job.worker = executor.submit(() -> {
            try {
                runBatch(batch, job);
            } finally {
                if (job.end()) {
                    // an Error escaped the processor: the claim runs out after its lease and counts as interrupted
                    freeSlot(batch);
                }
            }
        });
        return Duration.ZERO;
    }

    /**
     * A batch that runs longer than a third of its lease gets the lease extended, so no other worker (or instance)
     * takes its events over while Salesforce is merely slow. The dispatcher wakes at least every idlePoll.
     */
    private void renewLeases(Instant now) {
        Duration every = settings.lease().dividedBy(3);
        for (Map.Entry<ClaimedBatch, Running> entry : active.entrySet()) {
            Running job = entry.getValue();
            if (!now.isBefore(job.started.plus(settings.batchTimeout()))) {
                giveUp(entry.getKey(), job);
            } else if (!now.isBefore(job.renewed.plus(every))) {
                int held = store.renew(entry.getKey(), settings.lease());
                job.renewed = now;
                if (held < entry.getKey().events().size()) {
                    lostClaim(entry.getKey(), job, held);
                }
            }
        }
    }

    /**
     * A batch past its time limit (a rule or a call that hangs): its events go back to the inbox with the
     * interruption counted, so an event that hangs every time is quarantined after QUARANTINE_AFTER tries and its
     * neighbours are retried one by one; its worker is interrupted and its slot given to a new one at once.
     */
    private void giveUp(ClaimedBatch batch, Running job) {
        abandon(batch, job, "ran past its time limit of " + settings.batchTimeout().toSeconds() + " s; its events go"
                + " back to the inbox and the interruption counts towards quarantine", "timed out: still being processed"
                + " after " + settings.batchTimeout().toSeconds() + " s (ONCESYNC_BATCH_TIMEOUT_SECONDS), e.g. a rule or"
                + " a call that never ends");
    }

    /**
     * The lease ran out before it was renewed (this process stalled) and another worker or instance took some of
     * the batch's events over: the batch is given up like one past its time limit, so it writes nothing beside them.
     */
    private void lostClaim(ClaimedBatch batch, Running job, int held) {
        abandon(batch, job, "lost its claim on " + (batch.events().size() - held) + " of them (its lease ran out and"
                + " they were taken over); it is given up and writes nothing", "the lease ran out while it was being"
                + " processed and another worker took it over");
    }

    /**
     * Ends a batch still running: its slot goes to a new worker at once, its worker is interrupted and sees the
     * batch as abandoned, and the events it still holds go back to the inbox with the interruption counted.
     */
    private void abandon(ClaimedBatch batch, Running job, String what, String reason) {
        if (!job.end()) {
            return;
        }
        freeSlot(batch);
        job.worker.cancel(true);
        LOG.warn("a batch of {} events (first {}) {}", batch.events().size(), batch.events().get(0).eventId(), what);
        release(batch, reason);
    }

    private void freeSlot(ClaimedBatch batch) {
        active.remove(batch);
        inFlight.decrementAndGet();
        wake();
    }

    private Optional<Duration> pausedNow(Instant now) {
        Instant until = pausedUntil;
        if (until == null) {
            return Optional.empty();
        }
        if (now.isBefore(until)) {
            return Optional.of(Duration.between(now, until));
        }
        synchronized (this) {
            if (until.equals(pausedUntil)) {
                pausedUntil = null;
                pauseReason = null;
                pausedSince = null;
                LOG.info("pipeline resumed after the pause that ended at {}", until);
            }
        }
        return Optional.empty();
    }

    private Duration untilNextDue(Instant now) {
        // An event that is already due but not claimable waits for a key holder to finish, which wakes us.
        return store.nextDueAt()
                .filter(due -> due.isAfter(now))
                .map(due -> min(Duration.between(now, due), settings.idlePoll()))
                .orElse(settings.idlePoll());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void awaitSignal(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!signalled && nanos > 0 && running) {
                nanos = changed.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Processes a batch and records its outcome, unless it was given up meanwhile ({@code job} ended by
     * {@link #giveUp}): then its events are already back in the inbox and what it found is dropped.
     */
    private void runBatch(ClaimedBatch batch, Running job) {
        Map<Long, Outcome> outcomes;
        String crash = null;
        try {
            outcomes = processor.process(batch.events(), job == null ? () -> false : job::ended);
        } catch (Exception e) {
            LOG.warn("the processor failed on a batch of {} events (first {}): {}", batch.events().size(),
                    batch.events().get(0).eventId(), e.toString());
            outcomes = Map.of();
            crash = "the processor failed: " + e;
        }
        if (job != null && !job.end()) {
            LOG.warn("a batch of {} events (first {}) finished after its time limit; its outcome is dropped (the events"
                    + " went back to the inbox)", batch.events().size(), batch.events().get(0).eventId());
            return;
        }
        try {
            record(batch, outcomes, crash);
        } finally {
            if (job != null) {
                freeSlot(batch);
            }
        }
    }

    private void record(ClaimedBatch batch, Map<Long, Outcome> outcomes, String crash) {
        Map<Long, Settlement> settlements = new LinkedHashMap<>();
        for (InboxEvent event : batch.events()) {
            Outcome outcome = outcomes == null ? null : outcomes.get(event.id());
            if (outcome == null) {
                outcome = Outcome.retry(crash != null ? crash : "the processor returned no outcome for this event",
                        null);
            }
            settlements.put(event.id(), settle(event, outcome));
        }
        if (pauses != null && crash == null && outcomes != null && !outcomes.isEmpty()
                && outcomes.values().stream().noneMatch(o -> o.kind() == Outcome.Kind.PAUSE)) {
            pauses.succeeded();
        }
        try {
            store.settle(batch, settlements);
        } catch (RuntimeException e) {
            // The claim stays held until its lease runs out; then the events are processed again.
            LOG.error("could not record the outcome of {} events (first {}); they will be retried after the lease: {}",
                    batch.events().size(), batch.events().get(0).eventId(), e.getMessage());
        }
    }

    /** The processor's outcome read through the retry and pause policy: what the store records for the event. */
    private Settlement settle(InboxEvent event, Outcome outcome) {
        Instant now = clock.instant();
        return switch (outcome.kind()) {
            case APPLIED -> {
                Outcome.Applied a = (Outcome.Applied) outcome;
                yield new Settlement.Applied(a.personId(), a.recordIds(), a.trace());
            }
            case IGNORED -> {
                Outcome.Ignored i = (Outcome.Ignored) outcome;
                yield new Settlement.Ignored(i.reason(), i.trace());
            }
            case RETRY -> {
                Outcome.Retry r = (Outcome.Retry) outcome;
                if (event.attempts() >= settings.maxAttempts()) {
                    LOG.warn("event {} (booking {}) is a dead letter after {} attempts: {}", event.eventId(),
                            event.bookingId(), event.attempts(), r.error());
                    yield new Settlement.Dead("gave up after " + event.attempts() + " attempts: " + r.error(), r.trace());
                }
                yield new Settlement.Retry(now.plus(settings.backoff().delay(event.attempts(), random)), r.error(),
                        r.trace());
            }
            case FAILED -> {
                Outcome.Failed f = (Outcome.Failed) outcome;
                LOG.warn("event {} (booking {}) is a dead letter: {}", event.eventId(), event.bookingId(), f.error());
                yield new Settlement.Dead(f.error(), f.trace());
            }
            case PAUSE -> {
                Outcome.Pause p = (Outcome.Pause) outcome;
                pauseFor(p);
                // Due again at once: the pause (not the event) holds it back, so resuming, a restart or another
                // instance takes it up without waiting for a stored time; the reason shows in the delivery list.
                yield new Settlement.Released(now, "paused: " + p.reason());
            }
        };
    }

    /**
     * Puts a batch that did not finish within the shutdown grace back into the inbox; its attempt does not count,
     * but the interruption does: a rule that calls {@code System.exit} runs the shutdown with its worker stuck
     * inside the exit, and without this count the same event would stop every restart again.
     */
    private void releaseInterrupted(ClaimedBatch batch) {
        release(batch, "interrupted: still being processed when the service stopped");
        LOG.warn("released {} events still being processed at shutdown (first {}); the interruption counts towards"
                + " quarantine", batch.events().size(), batch.events().get(0).eventId());
    }

    /** Puts an unfinished batch back into the inbox, due at once; the attempt does not count, the interruption does. */
    private void release(ClaimedBatch batch, String reason) {
        Map<Long, Settlement> released = new LinkedHashMap<>();
        for (InboxEvent e : batch.events()) {
            released.put(e.id(), new Settlement.Released(clock.instant(), reason, true));
        }
        try {
            store.settle(batch, released);
        } catch (RuntimeException e) {
            // Unrenewed, the claim runs out after its lease; the claim after that counts the interruption instead.
            LOG.error("could not put back {} unfinished events (first {}); they are taken up after their lease: {}",
                    batch.events().size(), batch.events().get(0).eventId(), e.getMessage());
        }
    }

    /**
     * Stops claiming, lets batches in flight finish for up to {@code shutdownGrace}, then puts whatever is still
     * unfinished back into the inbox (its attempt does not count, its interruption does).
     */
    @Override
    public void close() {
        Thread d;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            d = dispatcher;
        }
        wake();
        try {
            d.join();
            executor.shutdown();
            if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                for (Map.Entry<ClaimedBatch, Running> entry : active.entrySet()) {
                    if (entry.getValue().end()) {
                        releaseInterrupted(entry.getKey());
                    }
                }
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A batch on a worker thread: when it started, when its lease was last renewed, and who ended it. */
    private static final class Running {
        final Instant started;
        volatile Instant renewed;
        volatile java.util.concurrent.Future<?> worker;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        Running(Instant started) {
            this.started = started;
            this.renewed = started;
        }

        /** True for the one caller (the worker finishing, the time limit, shutdown) that gets to settle the batch. */
        boolean end() {
            return ended.compareAndSet(false, true);
        }

        /** Whether the batch was ended; seen from its still-running worker: given up by the time limit or shutdown. */
        boolean ended() {
            return ended.get();
        }
    }
}
