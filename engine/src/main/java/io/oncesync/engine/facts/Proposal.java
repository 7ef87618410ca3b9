package io.oncesync.engine.facts;

import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.SObjectType;

/**
 * Derived (mapping): a value a mapping row offers for a field of a target; the overwrite policy decides
 * whether it is written.
 *
 * @param source    the OnceHub property, or the constant's text for a constant row
 * @param constant  true for a constant row
 */
public record Proposal(SObjectType object, String field, PropertyValue value, String source, boolean constant,
                       boolean overwrite, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Proposal(SObjectType object, String field, PropertyValue value, String source, boolean constant,
                    boolean overwrite) {
        this(object, field, value, source, constant, overwrite, FiringRule.name());
    }


    /** The offered value as plain text, for comparing with what Salesforce holds. */
    public String text() {
        return value.asText();
    }
}
