package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/** Derived: the plan must not be sent, because of this field. Becomes a {@code ValidationFailure}. */
public record Invalid(SObjectType object, String field, String reason, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Invalid(SObjectType object, String field, String reason) {
        this(object, field, reason, FiringRule.name());
    }
}
