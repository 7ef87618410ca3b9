package io.oncesync.engine.oncehub;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A non-blank OnceHub property value with its type. Blank values never become a {@code PropertyValue}: the
 * parser drops {@code null} and {@code ""} alike, so "absent" has one representation.
 *
 * @param type  the value's kind
 * @param value a {@link String} (TEXT, EMAIL, PHONE), {@link BigDecimal} (NUMBER), {@link LocalDate} (DATE),
 *              {@link Instant} (DATETIME), {@link Boolean} (BOOLEAN) or {@code List<String>} (LIST)
 */
public record PropertyValue(PropertyType type, Object value) {

    public PropertyValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Class<?> expected = switch (type) {
            case TEXT, EMAIL, PHONE -> String.class;
            case NUMBER -> BigDecimal.class;
            case DATE -> LocalDate.class;
            case DATETIME -> Instant.class;
            case BOOLEAN -> Boolean.class;
            case LIST -> List.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(type + " needs a " + expected.getSimpleName() + ", got " + value.getClass());
        }
        if (value instanceof List<?> list) {
            value = List.copyOf(list);
        }
    }

    public static PropertyValue text(String s) {
        return new PropertyValue(PropertyType.TEXT, s);
    }

    /** The value as plain text: ISO-8601 for times, plain digits for numbers, "; "-joined for lists. */
    public String asText() {
        return switch (type) {
            case NUMBER -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
            case LIST -> String.join("; ", castList());
            default -> value.toString();
        };
    }

    @SuppressWarnings("unchecked")
    public List<String> castList() {
        return (List<String>) value;
    }
}
