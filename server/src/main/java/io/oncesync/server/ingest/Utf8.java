package io.oncesync.server.ingest;

import java.util.Optional;

/**
 * Strict UTF-8 checking that reports where the first bad byte is. Accepts exactly what the JDK's reporting UTF-8
 * decoder accepts (no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence at the end) and
 * names the same offset, but in one pass over the bytes without allocating: ASCII, the common case, costs a compare
 * per byte.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Empty when the bytes are valid UTF-8, else a message naming the byte offset of the first invalid sequence. */
    static Optional<String> firstError(byte[] bytes) {
        int offset = firstInvalidOffset(bytes);
        return offset < 0 ? Optional.empty()
                : Optional.of("the body is not valid UTF-8: invalid byte sequence at byte offset " + offset);
    }

    /** The offset where the first invalid sequence starts, or -1 when all bytes are valid UTF-8. */
    static int firstInvalidOffset(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int lead = b[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    min2 = 0xA0; // overlong below U+0800
                } else if (lead == 0xED) {
                    max2 = 0x9F; // surrogates U+D800..U+DFFF
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    min2 = 0x90; // overlong below U+10000
                } else if (lead == 0xF4) {
                    max2 = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 or F5..FF where a sequence should start
            }
            if (i + length > n) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
