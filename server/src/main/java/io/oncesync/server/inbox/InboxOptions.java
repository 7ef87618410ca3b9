package io.oncesync.server.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the inbox.
 *
 * @param clock              the time source for received/attempt times
 * @param admitQueueCapacity admissions waiting for the writer before new ones are refused as overloaded
 * @param admitQueueBytes    body bytes waiting for the writer before new admissions are refused as overloaded
 * @param maxGroupSize       the most admissions committed in one transaction
 * @param postgresPoolSize   connections to PostgreSQL per instance
 * @param durability         when SQLite considers a commit done (PostgreSQL always uses its own settings)
 * @param instanceTimeout    PostgreSQL: how long an instance may miss heartbeats before the others take its work over
 * @param busyTimeout        how long a write waits for a SQLite database locked by another process (and for a
 *                           pooled connection) before it fails: bounds how long a webhook can wait for its answer
 * @param quarantineAfter    claims of one event that may end without an outcome (the process died, or the claim
 *                           outlived its lease) before the event is quarantined as a dead letter
 */
public record InboxOptions(Clock clock, int admitQueueCapacity, long admitQueueBytes, int maxGroupSize,
                           int postgresPoolSize, Durability durability, Duration instanceTimeout,
                           Duration busyTimeout, int quarantineAfter) {
    /** The default {@link #quarantineAfter()}. */
    public static final int DEFAULT_QUARANTINE_AFTER = 3;
    /** The default {@link #busyTimeout()}. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** What an acknowledged event survives. */
    public enum Durability {
        /** fsync on every commit ({@code synchronous=FULL}): survives a crash of the process and of the machine. */
        POWER_LOSS,
        /**
         * WAL without fsync on commit ({@code synchronous=NORMAL}): survives {@code kill -9} of the process, may lose
         * the last commits if the machine itself goes down. Faster where fsync is slow.
         */
        PROCESS_CRASH
    }

    public InboxOptions {
        Objects.requireNonNull(clock, "clock");
        requirePositive(admitQueueCapacity, "admitQueueCapacity");
        if (admitQueueBytes < 1) {
            throw new IllegalArgumentException("admitQueueBytes must be at least 1, was " + admitQueueBytes);
        }
        requirePositive(maxGroupSize, "maxGroupSize");
        requirePositive(postgresPoolSize, "postgresPoolSize");
        Objects.requireNonNull(durability, "durability");
        if (instanceTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("instanceTimeout must be at least 2 s (heartbeats are every second), was "
                    + instanceTimeout);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and 24 days, was " + busyTimeout);
        }
        requirePositive(quarantineAfter, "quarantineAfter");
    }

    public static InboxOptions defaults() {
        return new InboxOptions(Clock.systemUTC(), 4096, 64L * 1024 * 1024, 256, 8, Durability.POWER_LOSS,
                Duration.ofSeconds(10), DEFAULT_BUSY_TIMEOUT, DEFAULT_QUARANTINE_AFTER);
    }

    public InboxOptions withClock(Clock newClock) {
        return new InboxOptions(newClock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                instanceTimeout, busyTimeout, quarantineAfter);
    }

    public InboxOptions withAdmitQueue(int capacity, long bytes) {
        return new InboxOptions(clock, capacity, bytes, maxGroupSize, postgresPoolSize, durability,
                instanceTimeout, busyTimeout, quarantineAfter);
    }

    public InboxOptions withDurability(Durability newDurability) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize,
                newDurability, instanceTimeout, busyTimeout, quarantineAfter);
    }

    public InboxOptions withInstanceTimeout(Duration timeout) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                timeout, busyTimeout, quarantineAfter);
    }

    public InboxOptions withBusyTimeout(Duration timeout) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                instanceTimeout, timeout, quarantineAfter);
    }

    public InboxOptions withQuarantineAfter(int interruptions) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                instanceTimeout, busyTimeout, interruptions);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
