package io.oncesync.engine.settings;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.SObjectType;
import java.util.Objects;

/**
 * One row of a mapping tab: a Salesforce field filled from a OnceHub property, or with a constant.
 *
 * @param property     the OnceHub property name ({@code email}, {@code custom:job_title}, {@code answer:Work email}),
 *                     or null for a constant
 * @param constant     the constant text, or null when mapped from a property (no {@code isConstant()} helper on
 *                     purpose: Drools would resolve the property {@code constant} to it, depending on method order)
 * @param propertyType the property's type (from the catalog, or declared for custom/answer properties)
 * @param overwrite    person tabs: replace a non-blank Salesforce value (true) or only fill blanks (false);
 *                     always true on the Events and Cases tabs
 */
public record FieldMapping(SObjectType object, String field, String property, String constant,
                           PropertyType propertyType, boolean overwrite, SourceLine at) {
    public FieldMapping {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(propertyType, "propertyType");
        Objects.requireNonNull(at, "at");
        if ((property == null) == (constant == null)) {
            throw new IllegalArgumentException(at + ": exactly one of property and constant");
        }
        if (!object.isPerson() && !overwrite) {
            throw new IllegalArgumentException(at + ": meeting mappings always overwrite");
        }
    }
}
