package io.oncesync.engine.org;

import java.util.List;
import java.util.Objects;

/**
 * What the org's describe says about one field.
 *
 * @param length          max characters for textual types, 0 when not applicable
 * @param requiredOnCreate {@code !nillable && createable && !defaultedOnCreate} (Salesforce's own rule)
 * @param picklistValues  active picklist values (empty for non-picklists)
 * @param restricted      true when the picklist rejects values outside {@code picklistValues}
 */
public record FieldMeta(String name, FieldType type, int length, boolean requiredOnCreate, boolean createable,
                        boolean updateable, List<String> picklistValues, boolean restricted) {

    public FieldMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (length < 0) {
            throw new IllegalArgumentException(name + ": length < 0");
        }
        picklistValues = List.copyOf(picklistValues);
    }

    /** A createable, updateable, optional field with no picklist. */
    public static FieldMeta of(String name, FieldType type, int length) {
        return new FieldMeta(name, type, length, false, true, true, List.of(), false);
    }

    /** The describe rule spelled out: required on create unless nillable, not createable, or defaulted. */
    public static boolean requiredOnCreate(boolean nillable, boolean createable, boolean defaultedOnCreate) {
        return !nillable && createable && !defaultedOnCreate;
    }

    public FieldMeta required() {
        return new FieldMeta(name, type, length, true, createable, updateable, picklistValues, restricted);
    }

    public FieldMeta picklist(List<String> values, boolean restrictedPicklist) {
        return new FieldMeta(name, type, length, requiredOnCreate, createable, updateable, values, restrictedPicklist);
    }
}
