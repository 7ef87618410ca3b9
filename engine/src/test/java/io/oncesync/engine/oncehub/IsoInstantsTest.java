package io.oncesync.engine.oncehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** Instant.parse's answer, or null where it rejects the text. */
    private static Instant reference(String t) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    @DisplayName("reads UTC timestamps with and without fractions exactly as Instant.parse does")
    void readsUtcTimestampsLikeInstantParse() {
        for (String t : new String[]{"2026-11-27T00:13:21Z", "2026-11-27T00:13:21.5Z", "2026-11-27T00:13:21.123456789Z",
                "2024-02-29T23:59:59.000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9Z"}) {
            assertEquals(Instant.parse(t), IsoInstants.parseUtc(t), t);
        }
    }

    @Test
    @DisplayName("leaves everything it does not fully recognise to Instant.parse")
    void declinesWhatItDoesNotRecognise() {
        for (String t : new String[]{"2026-11-27T00:13:21+01:00", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z",
                "2026-01-01T00:60:00Z", "2026-12-31T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
                "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z", "+2026-01-01T00:00:00Z", "2026-01-01T00:00:00z",
                "2026-01-01T00:00:0aZ", "2026-01-01T00:00:00,5Z", "２026-01-01T00:00:00Z", "2026-01-01T00:00:00"}) {
            assertNull(IsoInstants.parseUtc(t), t);
        }
    }

    @Test
    @DisplayName("never disagrees with Instant.parse on random and damaged timestamps")
    void neverDisagreesWithInstantParse() {
        Random random = new Random(20261127L);
        String alphabet = "0123456789-:.TZ+ ";
        for (int round = 0; round < 50_000; round++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_799L);
            String t = Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000)).toString();
            if (random.nextInt(3) == 0) {
                char[] chars = t.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                t = new String(chars);
            }
            Instant fast = IsoInstants.parseUtc(t);
            if (fast != null) {
                assertEquals(reference(t), fast, t);
            }
        }
    }
}
