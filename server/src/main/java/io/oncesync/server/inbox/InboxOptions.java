package io.oncesync.server.inbox;

import java.time.Clock;
import java.util.Objects;

/**
 * Tuning of the inbox.
 *
 * @param clock              the time source for received/attempt times
 * @param admitQueueCapacity admissions waiting for the writer before new ones are refused as overloaded
 * @param admitQueueBytes    body bytes waiting for the writer before new admissions are refused as overloaded
 * @param maxGroupSize       the most admissions committed in one transaction
 * @param postgresPoolSize   connections to PostgreSQL per instance
 */
public record InboxOptions(Clock clock, int admitQueueCapacity, long admitQueueBytes, int maxGroupSize,
                           int postgresPoolSize) {
    public InboxOptions {
        Objects.requireNonNull(clock, "clock");
        requirePositive(admitQueueCapacity, "admitQueueCapacity");
        if (admitQueueBytes < 1) {
            throw new IllegalArgumentException("admitQueueBytes must be at least 1, was " + admitQueueBytes);
        }
        requirePositive(maxGroupSize, "maxGroupSize");
        requirePositive(postgresPoolSize, "postgresPoolSize");
    }

    public static InboxOptions defaults() {
        return new InboxOptions(Clock.systemUTC(), 4096, 64L * 1024 * 1024, 256, 8);
    }

    public InboxOptions withClock(Clock newClock) {
        return new InboxOptions(newClock, admitQueueCapacity, admitQueueBytes, maxGroupSize, postgresPoolSize);
    }

    public InboxOptions withAdmitQueue(int capacity, long bytes) {
        return new InboxOptions(clock, capacity, bytes, maxGroupSize, postgresPoolSize);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
