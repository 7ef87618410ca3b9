package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.List;

/** Everything the inbox knows about one event, for the admin API, replay tools and tests. */
public record InboxEntry(long id, String eventId, String type, String bookingId, String guestKey,
                         InboxStatus status, int attempts, Instant receivedAt, Instant nextAttemptAt,
                         String lastError, String decisionTrace, String personId, List<String> recordIds,
                         Instant finishedAt, byte[] rawBody) {

    @Override
    public String toString() {
        return "InboxEntry[#" + id + " " + eventId + " " + type + " " + status + " attempts=" + attempts
                + (lastError == null ? "" : " error=" + lastError) + "]";
    }
}
