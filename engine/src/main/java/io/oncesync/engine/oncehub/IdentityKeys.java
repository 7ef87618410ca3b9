package io.oncesync.engine.oncehub;

import java.util.Locale;
import java.util.Optional;

/**
 * How oncesync compares identifiers: emails case-insensitively (lower-cased in {@link Locale#ROOT}), phones by
 * their digits, so "+1 (312) 555-0148" and "13125550148" are the same number; a national number also matches
 * its international form when one ends with the other and the shorter keeps at least {@value #MIN_SUFFIX}
 * digits (leading trunk zeros dropped: "030 1234 5678" matches "+49 30 12345678").
 */
public final class IdentityKeys {

    static final int MIN_SUFFIX = 8;

    private IdentityKeys() {
    }

    /** The email as compared: stripped and lower-cased; null for blank input. */
    public static String email(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The phone's digits without leading zeros; null when it has no digits. */
    public static String phoneDigits(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        phone.codePoints().filter(Character::isDigit).map(c -> Character.forDigit(Character.digit(c, 10), 10))
                .forEach(c -> digits.append((char) c));
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
