package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A claimed inbox event, handed to a worker.
 *
 * @param id        the inbox row id (the key of the outcome map)
 * @param attempts    how many times it has been claimed, this claim included (a claim released after a pause or
 *                    at shutdown does not count)
 * @param rawBody     the exact webhook body as signed
 * @param triedBefore true when an earlier claim may have reached Salesforce without recording the outcome: it was
 *                    claimed before ({@code attempts > 1}), interrupted, released with an error (a pause) or
 *                    replayed after a dead letter. Only such an event can have left a meeting record behind.
 */
public record InboxEvent(long id, String eventId, String type, String bookingId, String guestKey, Instant orderAt,
                         Instant createdAt, Instant receivedAt, int attempts, byte[] rawBody, boolean triedBefore) {

    public List<String> orderingKeys() {
        return OrderingKeys.of(bookingId, guestKey);
    }

    @Override
    public String toString() {
        return "InboxEvent[#" + id + " " + eventId + " " + type + " booking=" + bookingId + " attempt=" + attempts + "]";
    }
}
