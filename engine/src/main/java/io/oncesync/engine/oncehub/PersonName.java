package io.oncesync.engine.oncehub;

import java.util.regex.Pattern;

/**
 * A guest's name as Salesforce wants it: first and last. Either part may be null; a one-word name is a last
 * name (Salesforce requires LastName, and a lone word is more often a surname or a full name in a script
 * without spaces than a first name).
 */
public record PersonName(String first, String last) {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000]+", Pattern.UNICODE_CHARACTER_CLASS);

    public PersonName {
        first = Blank.toNull(first);
        last = Blank.toNull(last);
    }

    /**
     * Splits a single full name on its last run of white space (any Unicode space, including the ideographic
     * one): "Ana María de la Cruz" → first "Ana María de la", last "Cruz"; "Björk" → last "Björk". Code points
     * are never cut, since the split only happens at spaces.
     */
    public static PersonName split(String fullName) {
        String trimmed = Blank.toNull(fullName);
        if (trimmed == null) {
            return new PersonName(null, null);
        }
        String[] words = SPACES.split(trimmed.strip());
        if (words.length == 1) {
            return new PersonName(null, words[0]);
        }
        String last = words[words.length - 1];
        String first = String.join(" ", java.util.Arrays.copyOf(words, words.length - 1));
        return new PersonName(first, last);
    }

    /** "first last", or whichever part exists; null when neither does. */
    public String full() {
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }
}
