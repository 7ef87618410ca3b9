package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A verified webhook about to be stored.
 *
 * @param eventId    the OnceHub envelope id, unique across the inbox
 * @param type       the OnceHub event type, e.g. {@code booking.scheduled}
 * @param bookingId  the OnceHub booking id, or null when the event is not about a booking
 * @param guestKey   the normalised guest identity (email, else phone), or null when unknown
 * @param orderAt    the time the event is ordered by: the data's last update time, else the event's creation time
 * @param createdAt  the envelope's creation time, the tie breaker after {@code orderAt}
 * @param ignoreReason null for an event the workers will process; otherwise why it is recorded as ignored
 * @param rawBody    the exact bytes that were signed
 */
public record IncomingEvent(String eventId, String type, String bookingId, String guestKey, Instant orderAt,
                            Instant createdAt, String ignoreReason, byte[] rawBody) {

    public IncomingEvent {
        requireText(eventId, "eventId");
        requireText(type, "type");
        Objects.requireNonNull(orderAt, "orderAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(rawBody, "rawBody");
    }

    /** An event the workers will process. */
    public static IncomingEvent actionable(String eventId, String type, String bookingId, String guestKey,
                                           Instant orderAt, Instant createdAt, byte[] rawBody) {
        return new IncomingEvent(eventId, type, bookingId, guestKey, orderAt, createdAt, null, rawBody);
    }

    public boolean ignored() {
        return ignoreReason != null;
    }

    /** The keys that serialise this event with others: its booking and its guest. */
    public List<String> orderingKeys() {
        return OrderingKeys.of(bookingId, guestKey);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "IncomingEvent[" + eventId + " " + type + " booking=" + bookingId + "]";
    }
}
