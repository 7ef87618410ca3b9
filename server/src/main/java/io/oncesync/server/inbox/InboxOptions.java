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
 * @param busyTimeout        how long a write waits for a SQLite database locked by another process (and for a
 *                           pooled connection) before it fails: bounds how long a webhook can wait for its answer
 * @param quarantineAfter    claims of one event that may end without an outcome (the process died, or the claim
 *                           outlived its lease) before the event is quarantined as a dead letter
 */
public record InboxOptions(Clock clock, int admitQueueCapacity, long admitQueueBytes, int maxGroupSize,
                           int postgresPoolSize, Durability durability, Duration busyTimeout, int quarantineAfter) {
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
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and 24 days, was " + busyTimeout);
        }
        requirePositive(quarantineAfter, "quarantineAfter");
    }

    public InboxOptions(Clock clock, int admitQueueCapacity, long admitQueueBytes, int maxGroupSize, int postgresPoolSize,
                        Durability durability) {
        this(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                DEFAULT_BUSY_TIMEOUT, DEFAULT_QUARANTINE_AFTER);
    }

    public static InboxOptions defaults() {
        return new InboxOptions(Clock.systemUTC(), 4096, 64L * 1024 * 1024, 256, 8, Durability.POWER_LOSS);
    }

    public InboxOptions withClock(Clock newClock) {
        return new InboxOptions(newClock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                busyTimeout, quarantineAfter);
    }

    public InboxOptions withAdmitQueue(int capacity, long bytes) {
        return new InboxOptions(clock, capacity, bytes, maxGroupSize, postgresPoolSize, durability, busyTimeout, quarantineAfter);
    }

    public InboxOptions withDurability(Durability newDurability) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize,
                newDurability, busyTimeout, quarantineAfter);
    }

    public InboxOptions withBusyTimeout(Duration timeout) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                timeout, quarantineAfter);
    }

    public InboxOptions withQuarantineAfter(int interruptions) {
        return new InboxOptions(clock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize, durability,
                busyTimeout, interruptions);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
