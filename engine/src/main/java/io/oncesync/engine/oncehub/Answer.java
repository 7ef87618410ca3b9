package io.oncesync.engine.oncehub;

import java.util.Objects;

/**
 * One answered question of a form, routing form or chatbot. Settings address it as
 * {@code answer:<question label>} or {@code answer:<internal label>}.
 */
public record Answer(String id, String internalLabel, String question, PropertyValue value) {
    public Answer {
        Objects.requireNonNull(value, "value");
        internalLabel = Blank.toNull(internalLabel);
        question = Blank.toNull(question);
    }
}
