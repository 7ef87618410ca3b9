package io.oncesync.engine.settings;

import java.util.Objects;
import io.oncesync.engine.org.SObjectType;

/** The admin's value for a field Salesforce requires when nothing else filled it on a new record. */
public record Fallback(SObjectType object, String field, String value, SourceLine at) {
    public Fallback {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }
}
