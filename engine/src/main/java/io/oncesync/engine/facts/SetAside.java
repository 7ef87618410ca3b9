package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;
import java.util.Objects;

/**
 * Derived (identification, repair): a value OnceHub sent that is not used, so that one bad value does not sink the
 * booking. For a field ({@code object} set), the value is left out of that field and the rest of the record is
 * written; for an identifier ({@code object} null, {@code field} "email", "phone" or "mobile"), the value is not
 * used to recognise the guest. Either way the trace keeps the value and the reason for the admin.
 */
public record SetAside(SObjectType object, String field, String value, String reason, String rule) {
    public SetAside {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
    }

    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public SetAside(SObjectType object, String field, String value, String reason) {
        this(object, field, value, reason, FiringRule.name());
    }
}
