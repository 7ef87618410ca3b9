package io.oncesync.server.inbox;

import java.util.List;

/**
 * Events claimed together by one worker. No two of them share an ordering key, and no other open event
 * that shares a key with one of them is earlier or being processed.
 *
 * @param token     identifies this claim; settling or releasing with a stale token does nothing
 * @param contended another instance was claiming some of the same keys at that moment: look again soon
 */
public record ClaimedBatch(String token, List<InboxEvent> events, boolean contended) {
    public ClaimedBatch {
        events = List.copyOf(events);
    }

    public ClaimedBatch(String token, List<InboxEvent> events) {
        this(token, events, false);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
