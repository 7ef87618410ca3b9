package io.oncesync.engine.oncehub;

import java.util.Optional;

/**
 * How oncesync compares identifiers: emails case-insensitively for ASCII letters only (A-Z to a-z, as mail systems
 * and Salesforce treat the local part and host names; no Unicode case folding or normalisation, so the Kelvin sign
 * U+212A, a dotless i U+0131, a dotted capital I U+0130, full-width letters or combining marks never turn one
 * address into another), phones by their ASCII digits, so "+1 (312) 555-0148" and "13125550148" are the same number; a national number also matches
 * its international form when one ends with the other and the shorter keeps at least {@value #MIN_SUFFIX}
 * digits (leading trunk zeros dropped: "030 1234 5678" matches "+49 30 12345678").
 */
public final class IdentityKeys {

    static final int MIN_SUFFIX = 8;

    private IdentityKeys() {
    }

    /** The email as compared: ASCII white space stripped and ASCII letters lower-cased; null for blank input. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        String stripped = stripAscii(email);
        return stripped.isEmpty() ? null : asciiLower(stripped);
    }

    /** {@code s} with A-Z mapped to a-z and every other character (any non-ASCII one included) left as it is. */
    public static String asciiLower(String s) {
        int i = 0;
        while (i < s.length() && !isAsciiUpper(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < chars.length; i++) {
            if (isAsciiUpper(chars[i])) {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** True when the two are equal ignoring the case of ASCII letters only. */
    public static boolean equalsAsciiIgnoreCase(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return a == null && b == null;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (!isAsciiLetter(x) || (x | 0x20) != (y | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetter(char c) {
        return isAsciiUpper(c) || (c >= 'a' && c <= 'z');
    }

    /** Strips ASCII white space (space, tab, CR, LF, VT, FF) only: Unicode spaces stay part of the value. */
    private static String stripAscii(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isAsciiSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isAsciiSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** The phone's ASCII digits without leading zeros; null when it has none (other scripts' digits do not count). */
    public static String phoneDigits(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0') {
            start++;
        }
        return start == digits.length() ? null : digits.substring(start);
    }

    /** True when both phones have digits and denote the same number by the rule in the class comment. */
    public static boolean samePhone(String a, String b) {
        String da = phoneDigits(a);
        String db = phoneDigits(b);
        if (da == null || db == null) {
            return false;
        }
        if (da.equals(db)) {
            return true;
        }
        String longer = da.length() >= db.length() ? da : db;
        String shorter = longer == da ? db : da;
        return shorter.length() >= MIN_SUFFIX && longer.endsWith(shorter);
    }

    /** See {@link OnceHubEvent#guestKey()}. */
    public static Optional<String> guestKey(Guest guest) {
        if (guest.bestEmail().isPresent()) {
            return guest.bestEmail();
        }
        String digits = phoneDigits(guest.phone());
        return Optional.ofNullable(digits != null ? digits : phoneDigits(guest.mobilePhone()));
    }
}
