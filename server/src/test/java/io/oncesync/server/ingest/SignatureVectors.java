package io.oncesync.server.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Known-answer vectors for OnceHub's signature scheme (HMAC-SHA256 over {@code t + "." + body}, lowercase hex),
 * computed outside Java with {@code openssl dgst -sha256 -hmac SECRET} over the exact bytes below, so they check
 * the verifier against an independent implementation. The first body is compact, as OnceHub sends it; the second
 * is pretty-printed and full of non-ASCII text (including a character outside the BMP), so it only verifies when
 * the receiver signs the raw UTF-8 bytes rather than a re-encoded or re-serialised body.
 */
final class SignatureVectors {
    static final WebhookSecret SECRET = new WebhookSecret("oncesync-test-secret-7f3a9c21");

    static final long COMPACT_T = 1780391704L;
    static final String COMPACT_HEADER =
            "t=1780391704,s=06cf277f30db51bde800963f6645675d6770978ace9ec58d20fb5398b54a190e";
    static final int COMPACT_LENGTH = 525;

    static final long UNICODE_T = 1780472412L;
    static final String UNICODE_HEADER =
            "t=1780472412,s=953af7a77d93c67f52f72b65e1dc4b1e207b1026e2235e23ef14851f2c71199c";
    static final int UNICODE_LENGTH = 719;

    private static final String COMPACT = "{\"id\":\"EVNT-OS0000SIG1\",\"object\":\"event\",\"creation_time\":\"2026-06-02T09:15:04.221Z\",\"type\":\"booking.scheduled\",\"api_version\":\"v2\",\"data\":{\"object\":\"booking\",\"id\":\"BKNG-OS0000SIG1\",\"subject\":\"Discovery call\",\"status\":\"scheduled\",\"starting_time\":\"2026-06-09T13:00:00.000Z\",\"duration_minutes\":30,\"last_updated_time\":\"2026-06-02T09:15:03.980Z\",\"owner\":\"USR-OS00000001\",\"booking_calendar\":\"BKC-OS00000001\",\"form_submission\":{\"name\":\"Riley Park\",\"email\":\"riley.park@example.org\",\"phone\":\"+1 206 555 0117\",\"company\":\"Park & Sons\"}}}";

    private static final String UNICODE = """
{
  "id": "EVNT-OS0000SIG2",
  "object": "event",
  "creation_time": "2026-06-03T07:40:12Z",
  "type": "booking.scheduled",
  "api_version": "v2",
  "data": {
    "object": "booking",
    "id": "BKNG-OS0000SIG2",
    "subject": "Beratung für Größenordnung — 面談",
    "status": "scheduled",
    "starting_time": "2026-06-10T08:00:00Z",
    "duration_minutes": 45,
    "last_updated_time": "2026-06-03T07:40:11Z",
    "owner": "USR-OS00000002",
    "booking_calendar": "BKC-OS00000002",
    "form_submission": {
      "name": "Søren Ærø-Łukasiewicz",
      "email": "soren@ærø.example",
      "note": "Café ☕, naïve façade — 日本語のメモ 🗓️",
      "company": "Ærø Bygg ÆS"
    }
  }
}""";

    private SignatureVectors() {
    }

    static byte[] compactBody() {
        return COMPACT.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] unicodeBody() {
        return UNICODE.getBytes(StandardCharsets.UTF_8);
    }
}
