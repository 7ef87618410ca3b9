package io.oncesync.server.inbox;

/**
 * What storing an incoming event did; returned only once the row is durably committed.
 *
 * @param inboxId the inbox row id (of the earlier row for a duplicate)
 * @param kind    whether the event was new, a duplicate, or new and recorded as ignored
 */
public record Admission(long inboxId, Kind kind) {
    public enum Kind { STORED, IGNORED, DUPLICATE }
}
