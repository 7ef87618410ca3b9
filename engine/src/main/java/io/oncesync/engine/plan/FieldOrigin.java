package io.oncesync.engine.plan;

import io.oncesync.engine.org.SObjectType;
import java.util.Objects;

/**
 * The trace of one field: which value, from where, decided by which rule.
 *
 * @param actionKey  the plan action the field belongs to
 * @param value      the value written, or for KEPT_* the value Salesforce keeps (null when unknown)
 * @param source     the OnceHub property, constant or fallback it came from ({@code email}, {@code "OnceHub"})
 */
public record FieldOrigin(String actionKey, SObjectType object, String field, String value, Provenance provenance,
                          String source, String rule) {
    public FieldOrigin {
        Objects.requireNonNull(actionKey, "actionKey");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(rule, "rule");
    }
}
