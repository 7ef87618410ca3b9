package io.oncesync.engine.facts;

import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;

/**
 * Derived (overwrite, fallback, meetings): the final word on one field of a target record.
 *
 * @param value      the value to write; for KEPT_* the value Salesforce keeps (null when unknown); null for a
 *                   link to the guest
 * @param personLink true when the value is the guest's record id (known or created earlier in the plan)
 * @param source     the property, constant or fallback the value came from
 */
public record FieldDecision(SObjectType object, String field, PropertyValue value, boolean personLink,
                            Provenance provenance, String source, String rule) {

    /** The value as text; null for a link to the guest or an unknown kept value. */
    public String text() {
        return value == null ? null : value.asText();
    }

    /** In a rule's consequence: a link to the guest, made by the firing rule (see {@link FiringRule}). */
    public static FieldDecision linkToPerson(SObjectType object, String field) {
        return linkToPerson(object, field, FiringRule.name());
    }

    /** In a rule's consequence: a value, made by the firing rule (see {@link FiringRule}). */
    public static FieldDecision of(SObjectType object, String field, PropertyValue value, Provenance provenance,
                                   String source) {
        return of(object, field, value, provenance, source, FiringRule.name());
    }

    /** In a rule's consequence: a text value, made by the firing rule (see {@link FiringRule}). */
    public static FieldDecision of(SObjectType object, String field, String text, Provenance provenance,
                                   String source) {
        return of(object, field, text, provenance, source, FiringRule.name());
    }

    public static FieldDecision linkToPerson(SObjectType object, String field, String rule) {
        return new FieldDecision(object, field, null, true, Provenance.LINK, "the guest", rule);
    }

    public static FieldDecision of(SObjectType object, String field, PropertyValue value, Provenance provenance,
                                   String source, String rule) {
        return new FieldDecision(object, field, value, false, provenance, source, rule);
    }

    public static FieldDecision of(SObjectType object, String field, String text, Provenance provenance,
                                   String source, String rule) {
        return of(object, field, text == null ? null : PropertyValue.text(text), provenance, source, rule);
    }
}
