package io.oncesync.engine.facts;

/** Derived (object choice): this event writes no Event or Case, and why. */
public record NoMeeting(String reason, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public NoMeeting(String reason) {
        this(reason, FiringRule.name());
    }
}
