package io.oncesync.server.ingest;

import io.oncesync.server.inbox.IncomingEvent;

/** What the webhook body turned out to be. */
public sealed interface Triage {

    /** A well-formed event to store: actionable, or recorded as ignored when {@link IncomingEvent#ignored()}. */
    record Store(IncomingEvent event) implements Triage {
    }

    /** Not a valid OnceHub event; {@code detail} names the fault (field and reason, or byte offset). */
    record Malformed(String detail) implements Triage {
    }
}
