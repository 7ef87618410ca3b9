package io.oncesync.server.salesforce;

import java.time.Duration;
import java.util.Objects;

/**
 * How long work waits after a call-level failure, and how many of the org's daily API requests to leave to other
 * integrations ({@code dailyApiReserve}: once fewer remain, oncesync pauses as if the limit were reached). The daily API allowance is a rolling 24-hour window, so a
 * moderate wait frees capacity without hammering an exhausted org; outages are retried sooner.
 */
public record PausePolicy(Duration afterLimitReached, Duration afterUnreachable, long dailyApiReserve) {
    public static final PausePolicy DEFAULT = new PausePolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), 0);

    /** Pauses without a reserve: oncesync may use the org's whole daily allowance. */
    public PausePolicy(Duration afterLimitReached, Duration afterUnreachable) {
        this(afterLimitReached, afterUnreachable, 0);
    }

    public PausePolicy {
        Objects.requireNonNull(afterLimitReached, "afterLimitReached");
        Objects.requireNonNull(afterUnreachable, "afterUnreachable");
        if (afterLimitReached.isNegative() || afterLimitReached.isZero()
                || afterUnreachable.isNegative() || afterUnreachable.isZero()) {
            throw new IllegalArgumentException("pauses must be positive: " + afterLimitReached + ", " + afterUnreachable);
        }
        if (dailyApiReserve < 0) {
            throw new IllegalArgumentException("the daily API reserve must not be negative, was " + dailyApiReserve);
        }
    }
}
