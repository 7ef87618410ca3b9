package io.oncesync.engine.plan;

import java.util.Objects;

/**
 * A value to write: literal text (already in Salesforce's wire format: ISO-8601 UTC date-times, {@code yyyy-MM-dd}
 * dates, plain numbers, {@code true}/{@code false}, {@code ;}-joined multi-picklists), or the id of a record an
 * earlier action of the same plan creates.
 */
public sealed interface FieldValue permits FieldValue.Literal, FieldValue.ResultOf {

    /** Literal text for Salesforce. */
    record Literal(String text) implements FieldValue {
        public Literal {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The id created by the earlier action with this {@link PlannedAction#key() key}, known once it ran. */
    record ResultOf(String actionKey) implements FieldValue {
        public ResultOf {
            Objects.requireNonNull(actionKey, "actionKey");
        }

        @Override
        public String toString() {
            return "{id of " + actionKey + "}";
        }
    }
}
