package io.oncesync.server.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.Triage;
import io.oncesync.server.ingest.Verdict;
import io.oncesync.server.ingest.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated hostile input for the webhook path: the parser and triage never throw and always name a fault for what
 * they refuse; a signature verifies exactly its own body and timestamp. jqwik prints the seed of any failure.
 */
class WebhookProperties {
    private static final WebhookParser PARSER = new WebhookParser();
    private static final EngineTriage TRIAGE = new EngineTriage(Clock.systemUTC());
    private static final byte[] VALID = resource("oncesync/demo/webhooks/01-booking-full-form.json");
    private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");
    private static final WebhookSecret SECRET = new WebhookSecret("whsec-property-0123456789");
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(List.of(SECRET), Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] resource(String name) {
        try (InputStream in = WebhookProperties.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    @Property(tries = 1500)
    void anyBytesParseWithoutThrowing(@ForAll @Size(max = 600) byte[] body) {
        ParseResult r = PARSER.parse(body);
        assertThat(r).isNotNull();
        if (r instanceof ParseResult.Malformed m) {
            assertThat(m.reason()).isNotBlank();
        }
        Triage t = TRIAGE.triage(body);
        if (t instanceof Triage.Malformed m) {
            assertThat(m.detail()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> atoms = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"id\"", "\"type\"", "\"data\"", "\"x\"",
                "\"\\u0000\"", "\"\\ud800\"", "null", "true", "1e999999", "-0", "9".repeat(120), "\"" + "a".repeat(50) + "\"",
                "\"booking.scheduled\"", "\"v2\"", "\"api_version\"", " ", "\n", "\"\u212A\"");
        return atoms.list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void jsonLikeTokenSoupNeverThrows(@ForAll("jsonish") String text) {
        ParseResult r = PARSER.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isNotNull();
        assertThat(r.toString()).isNotNull();
    }

    @Property(tries = 1000)
    void aMutatedRealPayloadNeverThrows(@ForAll @IntRange(min = 0, max = 4000) int at, @ForAll byte replacement,
                                        @ForAll @IntRange(min = 0, max = 2) int mode) {
        byte[] body = VALID.clone();
        int i = at % body.length;
        byte[] mutated;
        if (mode == 0) {
            body[i] = replacement;
            mutated = body;
        } else if (mode == 1) {
            mutated = new byte[body.length - 1];
            System.arraycopy(body, 0, mutated, 0, i);
            System.arraycopy(body, i + 1, mutated, i, body.length - i - 1);
        } else {
            mutated = new byte[i];
            System.arraycopy(body, 0, mutated, 0, i);
        }
        assertThat(PARSER.parse(mutated)).isNotNull();
        assertThat(TRIAGE.triage(mutated)).isNotNull();
    }

    @Property(tries = 800)
    void deepOrWideDocumentsAreMalformedNotErrors(@ForAll @IntRange(min = 33, max = 5000) int depth,
                                                  @ForAll("openers") String opener) {
        String closer = opener.equals("[") ? "]" : "}";
        String inner = opener.equals("[") ? "" : "\"k\":";
        String doc = (opener + inner).repeat(depth) + "1" + closer.repeat(depth);
        ParseResult r = PARSER.parse(doc.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOf(ParseResult.Malformed.class);
        assertThat(((ParseResult.Malformed) r).reason()).contains("nesting depth");
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "{");
    }

    @Property(tries = 1000)
    void aSignatureVerifiesItsOwnBodyAndNothingElse(@ForAll @Size(max = 300) byte[] body,
                                                    @ForAll @IntRange(min = -299, max = 299) int skewSeconds,
                                                    @ForAll @IntRange(min = 0, max = 10_000) int flip) {
        long t = NOW.getEpochSecond() + skewSeconds;
        String header = SignatureVerifier.sign(SECRET, t, body);
        assertThat(VERIFIER.verify(header, body)).isInstanceOf(Verdict.Valid.class);
        if (body.length > 0) {
            byte[] tampered = body.clone();
            tampered[flip % body.length] ^= (byte) (1 << (flip % 8));
            assertThat(VERIFIER.verify(header, tampered)).isInstanceOf(Verdict.Rejected.class);
        }
        assertThat(VERIFIER.verify(header.replace("t=" + t, "t=" + (t + 1)), body)).isInstanceOf(Verdict.Rejected.class);
        String other = SignatureVerifier.sign(new WebhookSecret("whsec-someone-else-000"), t, body);
        assertThat(VERIFIER.verify(other, body)).isInstanceOf(Verdict.Rejected.class);
    }

    @Property(tries = 1500)
    void anyHeaderIsJudgedWithoutThrowingAndPrecheckAgrees(@ForAll @Size(max = 200) String header,
                                                            @ForAll @Size(max = 50) byte[] body) {
        Verdict v = VERIFIER.verify(header, body);
        assertThat(v).isInstanceOf(Verdict.Rejected.class);
        if (VERIFIER.precheck(header).isPresent()) {
            assertThat(v).isEqualTo(VERIFIER.precheck(header).get());
        }
    }

    @Property(tries = 500)
    void staleTimestampsAreRefusedBeforeTheBody(@ForAll @IntRange(min = 301, max = 1_000_000) int ageSeconds,
                                                @ForAll boolean future) {
        long t = NOW.getEpochSecond() + (future ? ageSeconds : -ageSeconds);
        assertThat(VERIFIER.precheck("t=" + t + ",s=" + "0".repeat(64))).get().extracting(Verdict.Rejected::reason)
                .asString().contains("away from now");
    }
}
