package io.oncesync.server.work;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How long syncing pauses after Salesforce could not take calls: the first pause of a run of failures lasts
 * between half and all of {@code first} (a dropped connection or one 503 page costs seconds), each further one in
 * a row doubles, up to {@code max}. Any answer from Salesforce ends the run. Thread-safe.
 */
public final class PauseSchedule {
    private final Backoff backoff;
    private final Random random;
    private int failuresInARow;

    public PauseSchedule(Duration first, Duration max, Random random) {
        this.backoff = new Backoff(first, max);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The pause after one more failure in a row. */
    public synchronized Duration next() {
        failuresInARow++;
        return backoff.delay(failuresInARow, random);
    }

    /** Salesforce answered: the next failure starts from the first, short pause again. */
    public synchronized void succeeded() {
        failuresInARow = 0;
    }

    /** Failures in a row since Salesforce last answered. */
    public synchronized int failuresInARow() {
        return failuresInARow;
    }

    /** The longest pause. */
    public Duration max() {
        return backoff.max();
    }
}
