package io.oncesync.engine.facts;

import io.oncesync.engine.oncehub.EventType;
import io.oncesync.engine.oncehub.Source;
import java.util.Objects;

/** Input: what happened: the event type, the booking (null for conversations) and where it came from. */
public record Occurrence(EventType type, String bookingId, Source source) {
    public Occurrence {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    public boolean booking() {
        return type.isBooking();
    }

    public boolean cancellation() {
        return type.isCancellation();
    }

    /** True when the source is the booking calendar (or page) with this id or name. */
    public boolean fromCalendar(String idOrName) {
        return source.isNamed(idOrName);
    }
}
