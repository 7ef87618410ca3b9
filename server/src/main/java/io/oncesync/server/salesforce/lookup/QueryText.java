package io.oncesync.server.salesforce.lookup;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Building SOQL and SOSL text from untrusted values. Values only ever enter a query as a quoted SOQL string
 * literal ({@link #soqlString}) or as a digits-only SOSL phrase ({@link #soslDigits}); names only after
 * {@link #identifier} accepted them. Nothing a guest types can close a literal, add a clause or turn equality
 * into a pattern ({@code %} and {@code _} are wildcards only under LIKE, which oncesync never uses for values).
 */
public final class QueryText {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final String SOSL_RESERVED = "?&|!{}[]()^~*:\\\"'+-";

    private QueryText() {
    }

    /** {@code value} as a SOQL string literal, quotes included. */
    public static String soqlString(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    /** {@code ('a', 'b')} for an IN clause; the collection must not be empty. */
    public static String soqlList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(QueryText::soqlString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A record id checked for shape, as a SOQL literal. */
    public static String soqlId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a 15 or 18 character record id");
        }
        return "'" + id + "'";
    }

    /** An object or field name; refuses anything that is not a plain API name. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Salesforce API name");
        }
        return name;
    }

    /** The digits of a phone number as a quoted SOSL phrase, e.g. {@code "4155551212"}. */
    public static String soslDigits(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a SOSL phone term must be digits only");
        }
        return "\"" + digits + "\"";
    }

    /** Any text as a quoted SOSL phrase, reserved characters backslash-escaped. */
    public static String soslPhrase(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (SOSL_RESERVED.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.append('"').toString();
    }
}
