package io.oncesync.server.salesforce;

/** Waiting between retry rounds of records that hit transient contention (UNABLE_TO_LOCK_ROW). */
@FunctionalInterface
public interface Backoff {
    /** No waiting; for tests. */
    Backoff NONE = attempt -> { };

    /** 250 ms, 500 ms, 1 s, … with jitter, capped at 4 s. */
    Backoff EXPONENTIAL = attempt -> {
        long base = Math.min(4000, 250L << Math.min(attempt - 1, 4));
        Thread.sleep(base / 2 + (long) (Math.random() * base / 2));
    };

    void pause(int attempt) throws InterruptedException;
}
