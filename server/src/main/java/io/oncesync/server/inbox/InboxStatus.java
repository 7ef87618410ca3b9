package io.oncesync.server.inbox;

/** Where an inbox event is in its life. Only RECEIVED and RETRY are waiting for a worker. */
public enum InboxStatus {
    /** Durably stored, not yet tried. */
    RECEIVED,
    /** Claimed by a worker right now. */
    PROCESSING,
    /** Tried and failed in a retryable way; waits for its next attempt time. */
    RETRY,
    /** Applied to Salesforce. */
    APPLIED,
    /** A valid event oncesync does not act on; recorded and acknowledged. */
    IGNORED,
    /** Failed permanently or ran out of attempts; kept for replay. */
    DEAD;

    /** Whether the event still holds its ordering keys (later events sharing a key wait for it). */
    public boolean isOpen() {
        return this == RECEIVED || this == PROCESSING || this == RETRY;
    }
}
