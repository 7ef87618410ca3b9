package io.oncesync.server.work;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code base * 2^(n-1)},
 * capped at {@code max}, so retries of many events spread out instead of arriving together. The one backoff of the
 * server: the worker pool schedules failed events and pauses with it, the Salesforce writer waits with it between
 * rounds of records that hit row-lock contention.
 */
public record Backoff(Duration base, Duration max) {
    /** Retry rounds of records Salesforce could not lock: 250 ms, 500 ms, 1 s, … capped at 4 s, with jitter. */
    public static final Backoff LOCK_CONTENTION = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4));

    /** Practically no waiting (under a millisecond); for tests. */
    public static final Backoff NONE = new Backoff(Duration.ofNanos(1), Duration.ofNanos(1));

    public Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive, was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
        }
    }

    /** The wait after the given failed attempt (1 = the first attempt). */
    public Duration delay(int attempt, Random random) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
    }

    /** The largest delay {@link #delay} can return for the attempt. */
    public long ceilingMillis(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        double exact = base.toMillis() * Math.pow(2, doublings);
        return (long) Math.min(exact, max.toMillis());
    }

    /** Sleeps the calling thread for {@link #delay} of the failed attempt. */
    public void sleep(int attempt) throws InterruptedException {
        Thread.sleep(delay(attempt, ThreadLocalRandom.current()).toMillis());
    }
}
