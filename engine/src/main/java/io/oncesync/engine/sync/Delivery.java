package io.oncesync.engine.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * One webhook body to decide, with what the inbox knows about earlier tries of it.
 *
 * @param attempts    how many times it has been taken up, this time included (1 for a first try)
 * @param triedBefore true when an earlier try may have reached Salesforce without recording its outcome (claimed
 *                    before, paused, interrupted or replayed): only such a delivery is checked for a meeting an
 *                    earlier try created
 * @param receivedAt  when oncesync received it (earlier tries wrote after this)
 */
public record Delivery(byte[] body, int attempts, boolean triedBefore, Instant receivedAt) {
    public Delivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /** A body tried for the first time (a dry run, a golden scenario). */
    public static Delivery first(byte[] body, Instant receivedAt) {
        return new Delivery(body, 1, false, receivedAt);
    }
}
