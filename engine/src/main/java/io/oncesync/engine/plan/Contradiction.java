package io.oncesync.engine.plan;

import java.util.Objects;

/**
 * Two rules decided incompatible things about the same subject ({@code Lead.Title}, {@code the guest},
 * {@code the meeting}). A plan with a contradiction is not executable.
 */
public record Contradiction(String subject, String firstRule, String firstDecision, String secondRule,
                            String secondDecision) {
    public Contradiction {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(firstRule, "firstRule");
        Objects.requireNonNull(secondRule, "secondRule");
    }

    @Override
    public String toString() {
        return subject + ": \"" + firstRule + "\" decided " + firstDecision + " but \"" + secondRule + "\" decided "
                + secondDecision;
    }
}
