package io.oncesync.server.salesforce;

import io.oncesync.engine.port.CallFailure;

/**
 * The engine's view of a call-level failure. The original {@link SalesforceUnavailable} is the cause, so a worker
 * can read {@link SalesforceUnavailable#kind()} and {@link SalesforceUnavailable#resumeAt()} to pause rather than
 * fail: a reached limit, an outage and a needed reconnect are all retryable (nothing is wrong with the event).
 */
public final class CallFailures {
    private CallFailures() {
    }

    public static CallFailure of(SalesforceUnavailable e) {
        boolean retryable = e.kind() != SalesforceUnavailable.Kind.CALL_REFUSED;
        return new CallFailure(e.getMessage(), retryable, e);
    }
}
