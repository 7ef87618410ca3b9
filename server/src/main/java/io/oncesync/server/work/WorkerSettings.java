package io.oncesync.server.work;

import java.time.Duration;
import java.util.Objects;

/**
 * How the workers run.
 *
 * @param batchSize       the most events handed to the processor at once
 * @param parallelBatches batches processed at the same time (worker threads)
 * @param lease           how long a claim holds before another worker may take the event over
 * @param maxAttempts     attempts before a retryable failure becomes a dead letter
 * @param backoff         the wait between attempts
 * @param idlePoll        the longest the dispatcher sleeps without being woken (catches other instances' events)
 * @param shutdownGrace   how long shutdown waits for batches in flight before releasing them
 * @param batchTimeout    how long one batch may run before it is given up: its events go back to the inbox with the
 *                        interruption counted towards quarantine, and its worker is replaced
 */
public record WorkerSettings(int batchSize, int parallelBatches, Duration lease, int maxAttempts, Backoff backoff,
                             Duration idlePoll, Duration shutdownGrace, Duration batchTimeout) {
    /** The default {@link #batchTimeout()}: longer than a batch of slow but answering Salesforce calls takes. */
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofMinutes(5);

    public WorkerSettings {
        if (batchSize < 1 || parallelBatches < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize, parallelBatches and maxAttempts must be at least 1, were "
                    + batchSize + ", " + parallelBatches + ", " + maxAttempts);
        }
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(idlePoll, "idlePoll");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("batchTimeout must be positive, was " + batchTimeout);
        }
    }

    /** Settings with the default {@link #batchTimeout()}. */
    public WorkerSettings(int batchSize, int parallelBatches, Duration lease, int maxAttempts, Backoff backoff,
                          Duration idlePoll, Duration shutdownGrace) {
        this(batchSize, parallelBatches, lease, maxAttempts, backoff, idlePoll, shutdownGrace, DEFAULT_BATCH_TIMEOUT);
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(50, 4, Duration.ofMinutes(5), 12,
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(30)), Duration.ofSeconds(1),
                Duration.ofSeconds(20));
    }

    public WorkerSettings withBatchSize(int size) {
        return new WorkerSettings(size, parallelBatches, lease, maxAttempts, backoff, idlePoll, shutdownGrace,
                batchTimeout);
    }

    public WorkerSettings withParallelBatches(int n) {
        return new WorkerSettings(batchSize, n, lease, maxAttempts, backoff, idlePoll, shutdownGrace, batchTimeout);
    }

    public WorkerSettings withMaxAttempts(int n) {
        return new WorkerSettings(batchSize, parallelBatches, lease, n, backoff, idlePoll, shutdownGrace, batchTimeout);
    }

    public WorkerSettings withShutdownGrace(Duration grace) {
        return new WorkerSettings(batchSize, parallelBatches, lease, maxAttempts, backoff, idlePoll, grace, batchTimeout);
    }

    public WorkerSettings withBatchTimeout(Duration timeout) {
        return new WorkerSettings(batchSize, parallelBatches, lease, maxAttempts, backoff, idlePoll, shutdownGrace,
                timeout);
    }
}
