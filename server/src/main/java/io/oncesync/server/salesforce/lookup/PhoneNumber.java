package io.oncesync.server.salesforce.lookup;

import java.util.Optional;

/**
 * Phone numbers compared the way SOSL's phone search does, insensitive to formatting: digits only, and two
 * numbers match when equal or when one is the other with a country code in front.
 */
public final class PhoneNumber {
    /** Shorter numbers are too ambiguous to search for (extensions, typos). */
    public static final int MIN_DIGITS = 7;
    /** A number matches another with a country code in front only if it still has an area code (9+ digits). */
    static final int SUFFIX_MIN_DIGITS = 9;

    private PhoneNumber() {
    }

    public static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        raw.codePoints().filter(cp -> cp >= '0' && cp <= '9').forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * The digits to search for, leading zeros (trunk or international prefixes) removed, or empty when the value
     * has too few digits to be a phone number.
     */
    public static Optional<String> searchable(String raw) {
        String d = key(raw);
        return d.length() >= MIN_DIGITS ? Optional.of(d) : Optional.empty();
    }

    /** Digits without leading zeros: how lookups key phone numbers. */
    public static String key(String raw) {
        return digits(raw).replaceFirst("^0+", "");
    }

    public static boolean sameNumber(String a, String b) {
        // Leading zeros are trunk or international prefixes (0…, 00…), not part of the subscriber number.
        String x = key(a);
        String y = key(b);
        if (x.length() < MIN_DIGITS || y.length() < MIN_DIGITS) {
            return false;
        }
        if (x.equals(y)) {
            return true;
        }
        String longer = x.length() > y.length() ? x : y;
        String shorter = longer == x ? y : x;
        return shorter.length() >= SUFFIX_MIN_DIGITS && longer.length() - shorter.length() <= 3 && longer.endsWith(shorter);
    }
}
