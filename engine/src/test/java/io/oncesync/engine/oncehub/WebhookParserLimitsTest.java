package io.oncesync.engine.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hostile but signed bodies: each is refused as malformed naming the limit and where, never thrown. */
class WebhookParserLimitsTest {
    private final WebhookParser parser = new WebhookParser();

    private ParseResult.Malformed malformed(String json) {
        ParseResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOf(ParseResult.Malformed.class);
        return (ParseResult.Malformed) r;
    }

    @Test
    @DisplayName("100,000 nested arrays: refused as too deep, with the line and column, no exception")
    void deepNesting() {
        ParseResult.Malformed m = malformed("[".repeat(100_000) + "]".repeat(100_000));
        assertThat(m.reason()).contains("nesting depth").contains(String.valueOf(WebhookParser.MAX_DEPTH))
                .contains("line 1, column").doesNotContain("StreamReadConstraints");
        assertThat(m.pointer()).startsWith("/0/0/0");
    }

    @Test
    @DisplayName("nested objects are limited too, and the pointer names the path taken")
    void deepObjects() {
        ParseResult.Malformed m = malformed("{\"a\":".repeat(40) + "1" + "}".repeat(40));
        assertThat(m.reason()).contains("nesting depth");
        assertThat(m.pointer()).startsWith("/a/a/a");
    }

    @Test
    @DisplayName("a number with 5,000 digits is refused, naming the number length limit")
    void hugeNumber() {
        ParseResult.Malformed m = malformed("{\"id\":\"E1\",\"n\":" + "9".repeat(5000) + "}");
        assertThat(m.reason()).contains("Number value length").contains(String.valueOf(WebhookParser.MAX_NUMBER_CHARS));
        assertThat(m.toString()).contains("/n");
        ParseResult.Malformed fraction = malformed("{\"n\":1." + "5".repeat(5000) + "}");
        assertThat(fraction.reason()).contains("Number value length");
    }

    @Test
    @DisplayName("a short number whose exponent is out of range is refused with its pointer (found by the fuzz test)")
    void exponentOutOfRange() {
        for (String n : new String[]{"73737773E3337377737", "1e99999999999", "-1.5E-99999999999"}) {
            ParseResult.Malformed m = malformed("{\"id\":\"E1\",\"data\":{\"n\":" + n + "}}");
            assertThat(m.reason()).as(n).contains("number out of range");
            assertThat(m.pointer()).as(n).isEqualTo("/data/n");
        }
    }

    @Test
    @DisplayName("a string longer than the limit is refused")
    void hugeString() {
        ParseResult.Malformed m = malformed("{\"s\":\"" + "x".repeat(WebhookParser.MAX_STRING_CHARS + 1) + "\"}");
        assertThat(m.reason()).contains("String value length");
        assertThat(m.pointer()).isEqualTo("/s");
    }

    @Test
    @DisplayName("an object with too many fields is refused with its pointer")
    void tooManyFields() {
        StringBuilder b = new StringBuilder("{\"data\":{\"x\":[{");
        for (int i = 0; i <= WebhookParser.MAX_FIELDS; i++) {
            b.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        b.append("}]}}");
        ParseResult.Malformed m = malformed(b.toString());
        assertThat(m.reason()).contains("more than " + WebhookParser.MAX_FIELDS + " fields");
        assertThat(m.pointer()).isEqualTo("/data/x/0");
    }

    @Test
    @DisplayName("a duplicate key is refused where it occurs: a second id cannot pass one event off as another")
    void duplicateKeys() throws IOException {
        ParseResult.Malformed top = malformed("{\"id\":\"EVNT-A\",\"type\":\"booking.scheduled\",\"id\":\"EVNT-B\"}");
        assertThat(top.reason()).contains("Duplicate field 'id'").contains("line 1");
        ParseResult.Malformed nested = malformed("{\"data\":{\"guest\":{\"email\":\"a@x.example\",\"email\":\"b@x.example\"}}}");
        assertThat(nested.reason()).contains("Duplicate field 'email'");
        assertThat(nested.pointer()).isEqualTo("/data/guest/email");
        // The real payload with its id repeated at the end.
        String valid = new String(payload("booking-scheduled.json"), StandardCharsets.UTF_8).strip();
        assertThat(parser.parse(valid.getBytes(StandardCharsets.UTF_8))).isInstanceOf(ParseResult.Accepted.class);
        String twice = valid.substring(0, valid.length() - 1) + ",\"id\":\"EVNT-OTHER\"}";
        assertThat(malformed(twice).reason()).contains("Duplicate field 'id'");
    }

    @Test
    @DisplayName("trailing content, empty and whitespace-only bodies are malformed, never exceptions")
    void trailingAndEmpty() {
        assertThat(malformed("{} {}").reason()).contains("content after the end");
        assertThat(malformed("   ").reason()).contains("no JSON value");
        assertThat(malformed("{\"a\":").reason()).startsWith("not JSON");
    }

    private static byte[] payload(String name) throws IOException {
        try (InputStream in = WebhookParserLimitsTest.class.getResourceAsStream("/payloads/" + name)) {
            return in.readAllBytes();
        }
    }
}
