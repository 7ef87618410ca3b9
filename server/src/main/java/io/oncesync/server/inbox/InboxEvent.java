package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A claimed inbox event, handed to a worker.
 *
 * @param id        the inbox row id (the key of the outcome map)
 * @param attempts  how many times it has been claimed, this claim included
 * @param rawBody   the exact webhook body as signed
 */
public record InboxEvent(long id, String eventId, String type, String bookingId, String guestKey, Instant orderAt,
                         Instant createdAt, Instant receivedAt, int attempts, byte[] rawBody) {

    public List<String> orderingKeys() {
        return OrderingKeys.of(bookingId, guestKey);
    }

    @Override
    public String toString() {
        return "InboxEvent[#" + id + " " + eventId + " " + type + " booking=" + bookingId + " attempt=" + attempts + "]";
    }
}
