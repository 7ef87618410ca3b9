package io.oncesync.engine.facts;

/** Derived (object choice): this event writes no Lead or Contact, and why (the guest gave nothing to record). */
public record NoPerson(String reason, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public NoPerson(String reason) {
        this(reason, FiringRule.name());
    }
}
