package io.oncesync.server.salesforce;

import java.time.Duration;
import java.util.Objects;

/**
 * How long work waits after a call-level failure. The daily API allowance is a rolling 24-hour window, so a
 * moderate wait frees capacity without hammering an exhausted org; outages are retried sooner.
 */
public record PausePolicy(Duration afterLimitReached, Duration afterUnreachable) {
    public static final PausePolicy DEFAULT = new PausePolicy(Duration.ofMinutes(30), Duration.ofMinutes(1));

    public PausePolicy {
        Objects.requireNonNull(afterLimitReached, "afterLimitReached");
        Objects.requireNonNull(afterUnreachable, "afterUnreachable");
        if (afterLimitReached.isNegative() || afterLimitReached.isZero()
                || afterUnreachable.isNegative() || afterUnreachable.isZero()) {
            throw new IllegalArgumentException("pauses must be positive: " + afterLimitReached + ", " + afterUnreachable);
        }
    }
}
