package io.oncesync.engine.facts;

/** Derived (identification): no existing record is the guest; a new one will be created. */
public record Unidentified(String reason, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Unidentified(String reason) {
        this(reason, FiringRule.name());
    }
}
