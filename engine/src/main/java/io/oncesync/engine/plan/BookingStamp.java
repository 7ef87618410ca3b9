package io.oncesync.engine.plan;

import java.util.Objects;

/**
 * The booking id written into every new meeting record's Description ({@code OnceHub booking BKNG-…}), so an
 * event retried after a crash between the write and its settlement can find the Event or Case its earlier
 * attempt created instead of creating a second one. The meetings policy writes it whatever the mapping tabs say;
 * the bundled {@code summary} property already starts with it, so a mapped summary is not stamped twice.
 */
public final class BookingStamp {
    /** The field that carries the stamp on Events and Cases. */
    public static final String FIELD = "Description";
    private static final String PREFIX = "OnceHub booking ";

    private BookingStamp() {
    }

    /** The stamp for one booking. */
    public static String of(String bookingId) {
        return PREFIX + requireId(bookingId);
    }

    /** True when {@code field} is the stamp's field, however the settings spell it. */
    public static boolean isField(String field) {
        return FIELD.equalsIgnoreCase(field);
    }

    /** True when {@code text} carries this booking's stamp (not a longer id that starts the same). */
    public static boolean carries(String text, String bookingId) {
        if (text == null) {
            return false;
        }
        String stamp = of(bookingId);
        for (int at = text.indexOf(stamp); at >= 0; at = text.indexOf(stamp, at + 1)) {
            int end = at + stamp.length();
            if (end == text.length() || !isIdChar(text.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with this booking's stamp: unchanged when it already carries it, else the stamp on its own line. */
    public static String appendedTo(String text, String bookingId) {
        if (text == null || text.isBlank()) {
            return of(bookingId);
        }
        return carries(text, bookingId) ? text : text + "\n\n" + of(bookingId);
    }

    private static boolean isIdChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static String requireId(String bookingId) {
        Objects.requireNonNull(bookingId, "bookingId");
        if (bookingId.isBlank()) {
            throw new IllegalArgumentException("bookingId is blank");
        }
        return bookingId;
    }
}
