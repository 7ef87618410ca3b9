package io.oncesync.server.logging;

/**
 * Makes guest-controlled text safe for a one-line log: line breaks, other control characters (C0, DEL, C1), the
 * Unicode line and paragraph separators and the bidirectional overrides are written as escapes ({@code \n},
 * {@code \r}, {@code \t}, {@code \u2028}), so no value can start a forged log line or reorder one on screen.
 */
public final class SafeText {
    private SafeText() {
    }

    /** {@code s} with every unsafe character escaped; the same instance when there is none. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }
}
