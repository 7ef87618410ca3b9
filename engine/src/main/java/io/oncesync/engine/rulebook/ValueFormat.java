package io.oncesync.engine.rulebook;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a property value as Salesforce wire text for a field's type (the conversions of the compatibility
 * matrix), and checks what the API would reject per record: length, email syntax, restricted picklists, number and
 * date syntax, id shape.
 */
public final class ValueFormat {

    /** Either the text to send or why it cannot be sent. */
    record Rendered(String text, String problem) {
        static Rendered ok(String text) {
            return new Rendered(text, null);
        }

        static Rendered bad(String problem) {
            return new Rendered(null, problem);
        }
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern SF_ID = Pattern.compile("^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$");

    private ValueFormat() {
    }

    /** Why Salesforce would refuse {@code v} in the field {@code meta}, or null when it fits. */
    public static String misfit(PropertyValue v, FieldMeta meta) {
        return render(v, meta).problem();
    }

    /** Whether {@code text} is an email address as Salesforce checks it. */
    public static boolean isEmailAddress(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }

    static Rendered render(PropertyValue v, FieldMeta meta) {
        if (meta == null) {
            return Rendered.ok(plain(v, "; "));
        }
        Rendered r = convert(v, meta.type());
        if (r.problem() != null) {
            return r;
        }
        return check(r.text(), meta);
    }

    private static String plain(PropertyValue v, String listSeparator) {
        return switch (v.type()) {
            case LIST -> String.join(listSeparator, v.castList());
            default -> v.asText();
        };
    }

    private static Rendered convert(PropertyValue v, FieldType type) {
        PropertyType t = v.type();
        String text = plain(v, "; ");
        return switch (type) {
            case MULTIPICKLIST -> Rendered.ok(plain(v, ";"));
            case BOOLEAN -> t == PropertyType.BOOLEAN ? Rendered.ok(text)
                    : "true".equalsIgnoreCase(text) || "1".equals(text) ? Rendered.ok("true")
                    : "false".equalsIgnoreCase(text) || "0".equals(text) ? Rendered.ok("false")
                    : Rendered.bad("\"" + text + "\" is not true or false");
            case INT -> number(text, true);
            case DOUBLE, CURRENCY, PERCENT -> number(text, false);
            case DATE -> t == PropertyType.DATETIME ? Rendered.ok(LocalDate.ofInstant((Instant) v.value(), ZoneOffset.UTC).toString())
                    : date(text);
            case DATETIME -> t == PropertyType.DATETIME ? Rendered.ok(text)
                    : t == PropertyType.DATE ? Rendered.ok(((LocalDate) v.value()).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                    : dateTime(text);
            case REFERENCE, ID -> SF_ID.matcher(text).matches() ? Rendered.ok(text)
                    : Rendered.bad("\"" + text + "\" is not a Salesforce id");
            case ADDRESS, TIME, BASE64 -> Rendered.bad("oncesync cannot write " + type.describeName() + " fields");
            default -> Rendered.ok(text);
        };
    }

    private static Rendered number(String text, boolean integral) {
        try {
            BigDecimal n = new BigDecimal(text.strip());
            if (integral && n.stripTrailingZeros().scale() > 0) {
                return Rendered.bad("\"" + text + "\" is not a whole number");
            }
            return Rendered.ok(integral ? n.toBigIntegerExact().toString() : n.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException | ArithmeticException e) {
            return Rendered.bad("\"" + text + "\" is not a number");
        }
    }

    private static Rendered date(String text) {
        try {
            return Rendered.ok(LocalDate.parse(text.strip()).toString());
        } catch (DateTimeParseException e) {
            return Rendered.bad("\"" + text + "\" is not a yyyy-MM-dd date");
        }
    }

    private static Rendered dateTime(String text) {
        try {
            return Rendered.ok(Instant.parse(text.strip()).toString());
        } catch (DateTimeParseException e) {
            try {
                return Rendered.ok(OffsetDateTime.parse(text.strip()).toInstant().toString());
            } catch (DateTimeParseException e2) {
                return Rendered.bad("\"" + text + "\" is not an ISO-8601 date-time");
            }
        }
    }

    private static Rendered check(String text, FieldMeta meta) {
        if (meta.type().isTextual() && meta.length() > 0 && text.codePointCount(0, text.length()) > meta.length()) {
            return Rendered.bad("is " + text.codePointCount(0, text.length()) + " characters, more than the field's "
                    + meta.length());
        }
        if (meta.type() == FieldType.EMAIL && !EMAIL.matcher(text).matches()) {
            return Rendered.bad("\"" + text + "\" is not a valid email address");
        }
        if (meta.restricted() && (meta.type() == FieldType.PICKLIST || meta.type() == FieldType.MULTIPICKLIST)) {
            List<String> values = meta.type() == FieldType.MULTIPICKLIST ? List.of(text.split(";")) : List.of(text);
            for (String value : values) {
                if (!meta.picklistValues().contains(value)) {
                    return Rendered.bad("\"" + value + "\" is not a value of the restricted picklist " + meta.picklistValues());
                }
            }
        }
        return Rendered.ok(text);
    }
}
