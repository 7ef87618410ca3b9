package io.oncesync.engine.facts;

import io.oncesync.engine.oncehub.PropertyValue;
import java.util.Objects;

/** Input: a non-blank OnceHub property value, by settings name. A blank value has no fact at all. */
public record IncomingValue(Scope scope, String property, PropertyValue value) {
    public IncomingValue {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
    }

    public String text() {
        return value.asText();
    }
}
