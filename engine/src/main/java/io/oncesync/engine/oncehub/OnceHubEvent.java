package io.oncesync.engine.oncehub;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted OnceHub v2 webhook event: the envelope plus its typed {@code data}. Booking types always carry
 * a {@link Booking}, conversation types a {@link Conversation}.
 *
 * @param id        the envelope id (EVNT-...), the dedup key
 * @param createdAt the envelope {@code creation_time}, the tie-breaker for ordering
 */
public record OnceHubEvent(String id, EventType type, Instant createdAt, Interaction data) {

    public OnceHubEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(data, "data");
        if (type.isBooking() != (data instanceof Booking)) {
            throw new IllegalArgumentException(type.wireName() + " cannot carry " + data.getClass().getSimpleName());
        }
    }

    /** The booking id (BKNG-...) for booking events; empty for conversations. */
    public Optional<String> bookingId() {
        return data instanceof Booking b ? Optional.of(b.id()) : Optional.empty();
    }

    /**
     * For a booking that replaces another ({@code rescheduled_booking_id} set and different from {@code id}, as
     * OnceHub may send on {@code booking.canceled_then_rescheduled}), the replaced booking's id. Look the ledger up
     * by {@link #bookingId()} first and by this id second, so the replaced booking's Event is moved, not duplicated.
     */
    public Optional<String> previousBookingId() {
        return booking().map(Booking::rescheduledBookingId).filter(p -> !p.equals(data.id()));
    }

    /** The booking, for booking events. */
    public Optional<Booking> booking() {
        return data instanceof Booking b ? Optional.of(b) : Optional.empty();
    }

    /**
     * The normalised identity of the guest, for ordering work per person: the lower-cased email (this
     * interaction's, else the OnceHub contact's), else the digits of the phone, else of the mobile; empty
     * when the guest gave neither.
     */
    public Optional<String> guestKey() {
        return IdentityKeys.guestKey(data.guest());
    }
}
