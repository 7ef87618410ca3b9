package io.oncesync.engine.oncehub;

import java.time.Instant;
import java.util.List;

/** The {@code data} of an event: a {@link Booking} or a {@link Conversation}. */
public sealed interface Interaction permits Booking, Conversation {

    /** OnceHub's id of the booking (BKNG-) or conversation (CVR-). */
    String id();

    Guest guest();

    Source source();

    /** Form, routing-form or chatbot answers, in the order OnceHub sent them. */
    List<Answer> answers();

    /** {@code data.last_updated_time}: the ordering key for snapshots of the same booking. */
    Instant lastUpdated();
}
