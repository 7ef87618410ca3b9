package io.oncesync.engine.plan;

import io.oncesync.engine.org.SObjectType;
import java.util.Objects;

/**
 * Why a plan must not be sent: a named field of an object is missing or would be rejected.
 *
 * @param rule the rule that reported it, or {@code "plan validation"} for checks made while rendering values
 */
public record ValidationFailure(SObjectType object, String field, String reason, String rule) {
    public ValidationFailure {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return object.apiName() + "." + field + ": " + reason;
    }
}
