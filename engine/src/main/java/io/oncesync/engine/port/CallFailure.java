package io.oncesync.engine.port;

/**
 * A call-level failure at the gateway edge (Salesforce unreachable, session expired and not renewable, API limit
 * reached). Per-record problems are never exceptions: they are {@link ActionOutcome.Rejected} values.
 */
public class CallFailure extends Exception {

    private final boolean retryable;

    public CallFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when trying the same call later may succeed (timeouts, limits, lock contention). */
    public boolean retryable() {
        return retryable;
    }
}
