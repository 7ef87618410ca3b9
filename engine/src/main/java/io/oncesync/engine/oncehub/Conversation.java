package io.oncesync.engine.oncehub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A chatbot or routing-form conversation from a {@code conversation.*} event. */
public record Conversation(String id, String status, Instant lastUpdated, Guest guest, Source source,
                           List<Answer> answers, List<String> bookingIds) implements Interaction {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(source, "source");
        answers = List.copyOf(answers);
        bookingIds = List.copyOf(bookingIds);
    }
}
