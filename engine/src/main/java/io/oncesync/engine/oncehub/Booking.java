package io.oncesync.engine.oncehub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A booking snapshot from a {@code booking.*} event.
 *
 * @param conversationId       CVR- id when the booking came out of a chatbot or routing form, else null
 * @param rescheduledBookingId OnceHub's {@code rescheduled_booking_id}, else null
 */
public record Booking(String id, String status, boolean inTrash, Instant lastUpdated, Guest guest, Source source,
                      Meeting meeting, List<Answer> answers, String conversationId, String rescheduledBookingId)
        implements Interaction {
    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(meeting, "meeting");
        answers = List.copyOf(answers);
    }
}
