package io.oncesync.engine.org;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Salesforce field types as describe reports them ({@code Field.type}), the columns of the compatibility matrix. */
public enum FieldType {
    STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, COMBOBOX, MULTIPICKLIST, BOOLEAN, INT, DOUBLE, CURRENCY,
    PERCENT, DATE, DATETIME, REFERENCE, ID, ENCRYPTEDSTRING, ANYTYPE, ADDRESS, TIME, BASE64;

    /** The describe name ("string", "datetime", ...). */
    public String describeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromDescribe(String type) {
        return Arrays.stream(values()).filter(t -> t.describeName().equalsIgnoreCase(type)).findFirst();
    }

    /** Types whose values are length-limited text on the wire (STRING_TOO_LONG applies). */
    public boolean isTextual() {
        return switch (this) {
            case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, COMBOBOX, MULTIPICKLIST, ENCRYPTEDSTRING, ANYTYPE -> true;
            default -> false;
        };
    }
}
