package io.oncesync.engine.oncehub;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every OnceHub v2 webhook event type oncesync acts on. Anything else is ignored by the parser
 * ({@link ParseResult.Ignored}), never rejected.
 */
public enum EventType {
    BOOKING_SCHEDULED("booking.scheduled"),
    BOOKING_RESCHEDULED("booking.rescheduled"),
    BOOKING_CANCELED_THEN_RESCHEDULED("booking.canceled_then_rescheduled"),
    BOOKING_CANCELED_RESCHEDULE_REQUESTED("booking.canceled_reschedule_requested"),
    BOOKING_CANCELED("booking.canceled"),
    BOOKING_COMPLETED("booking.completed"),
    BOOKING_NO_SHOW("booking.no_show"),
    BOOKING_REASSIGNED("booking.reassigned"),
    CONVERSATION_STARTED("conversation.started"),
    CONVERSATION_CLOSED("conversation.closed"),
    CONVERSATION_ABANDONED("conversation.abandoned");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code type} string as OnceHub sends it, e.g. {@code booking.no_show}. */
    public String wireName() {
        return wireName;
    }

    /** True for the eight {@code booking.*} types, whose {@code data} is a booking. */
    public boolean isBooking() {
        return wireName.startsWith("booking.");
    }

    /** True for the booking types that cancel the meeting (the guest or host called it off). */
    public boolean isCancellation() {
        return this == BOOKING_CANCELED || this == BOOKING_CANCELED_RESCHEDULE_REQUESTED;
    }

    /** The type for a wire name, or empty for anything OnceHub may add later. */
    public static Optional<EventType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
