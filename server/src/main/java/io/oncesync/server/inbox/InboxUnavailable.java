package io.oncesync.server.inbox;

/** The inbox could not durably store an event: the caller must not acknowledge it. */
public final class InboxUnavailable extends RuntimeException {
    private final boolean overloaded;

    public InboxUnavailable(String message, boolean overloaded, Throwable cause) {
        super(message, cause);
        this.overloaded = overloaded;
    }

    /** True when the store refused because its queue is full (try again shortly), false for a failure. */
    public boolean overloaded() {
        return overloaded;
    }
}
