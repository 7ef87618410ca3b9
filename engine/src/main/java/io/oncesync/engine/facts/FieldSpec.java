package io.oncesync.engine.facts;

import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.rulebook.ValueFormat;

/**
 * Input from the org's metadata: a field that is mapped or required on create. Fields the settings never touch
 * and Salesforce does not require are not inserted.
 *
 * @param meta the field's describe (type, length, picklist values), or null when unknown
 */
public record FieldSpec(SObjectType object, String name, boolean requiredOnCreate, FieldMeta meta) {

    public FieldSpec(SObjectType object, String name, boolean requiredOnCreate) {
        this(object, name, requiredOnCreate, null);
    }

    /**
     * Why Salesforce would refuse {@code value} in this field (wrong type, too long, not a picklist value, not a date,
     * not an email address), or null when it fits or the field's describe is unknown.
     */
    public String misfit(PropertyValue value) {
        return value == null || meta == null ? null : ValueFormat.misfit(value, meta);
    }
}
