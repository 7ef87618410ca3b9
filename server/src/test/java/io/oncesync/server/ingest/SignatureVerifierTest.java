package io.oncesync.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final byte[] BODY = "{\"id\":\"EVNT-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSecret OLD = new WebhookSecret("old-secret-0123456789");
    private static final WebhookSecret NEW = new WebhookSecret("new-secret-9876543210");

    private static Clock at(long unixSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC);
    }

    private static SignatureVerifier verifier(long nowSeconds, WebhookSecret... secrets) {
        return new SignatureVerifier(List.of(secrets), FIVE_MINUTES, at(nowSeconds));
    }

    @Test
    @DisplayName("A known-answer vector for a compact body verifies over its exact bytes")
    void compactVectorVerifies() {
        byte[] body = SignatureVectors.compactBody();
        assertThat(body).hasSize(SignatureVectors.COMPACT_LENGTH);
        Verdict verdict = verifier(SignatureVectors.COMPACT_T, SignatureVectors.SECRET)
                .verify(SignatureVectors.COMPACT_HEADER, body);
        assertThat(verdict).isEqualTo(new Verdict.Valid(Instant.ofEpochSecond(SignatureVectors.COMPACT_T)));
        assertThat(SignatureVerifier.sign(SignatureVectors.SECRET, SignatureVectors.COMPACT_T, body))
                .isEqualTo(SignatureVectors.COMPACT_HEADER);
    }

    @Test
    @DisplayName("A known-answer vector with non-ASCII text verifies only over the raw UTF-8 bytes")
    void unicodeVectorVerifies() {
        byte[] body = SignatureVectors.unicodeBody();
        assertThat(body).hasSize(SignatureVectors.UNICODE_LENGTH);
        SignatureVerifier verifier = verifier(SignatureVectors.UNICODE_T, SignatureVectors.SECRET);
        assertThat(verifier.verify(SignatureVectors.UNICODE_HEADER, body)).isInstanceOf(Verdict.Valid.class);
        byte[] reencoded = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(verifier.verify(SignatureVectors.UNICODE_HEADER, reencoded))
                .isEqualTo(new Verdict.Rejected("the signature does not match the body"));
    }

    @Test
    @DisplayName("A signature made with another secret is rejected")
    void wrongSecretIsRejected() {
        String header = SignatureVerifier.sign(new WebhookSecret("someone-else"), 1000, BODY);
        assertThat(verifier(1000, OLD).verify(header, BODY))
                .isEqualTo(new Verdict.Rejected("the signature does not match the body"));
    }

    @Test
    @DisplayName("A body changed by one byte no longer verifies")
    void tamperedBodyIsRejected() {
        String header = SignatureVerifier.sign(OLD, 1000, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = 'X';
        assertThat(verifier(1000, OLD).verify(header, tampered)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    @DisplayName("A missing or empty header is rejected as missing")
    void missingHeaderIsRejected() {
        assertThat(verifier(1000, OLD).verify(null, BODY))
                .isEqualTo(new Verdict.Rejected("the Oncehub-Signature header is missing"));
        assertThat(verifier(1000, OLD).verify(" ", BODY))
                .isEqualTo(new Verdict.Rejected("the Oncehub-Signature header is missing"));
    }

    @Test
    @DisplayName("Headers without a numeric timestamp or without a signature are rejected with the part named")
    void malformedHeadersAreRejected() {
        assertThat(verifier(1000, OLD).verify("s=abc", BODY))
                .isEqualTo(new Verdict.Rejected("the Oncehub-Signature header has no valid t=<unix seconds> part"));
        assertThat(verifier(1000, OLD).verify("t=12x4,s=abc", BODY))
                .isEqualTo(new Verdict.Rejected("the Oncehub-Signature header has no valid t=<unix seconds> part"));
        assertThat(verifier(1000, OLD).verify("t=1000", BODY))
                .isEqualTo(new Verdict.Rejected("the Oncehub-Signature header has no s=<signature> part"));
        assertThat(verifier(1000, OLD).verify("garbage", BODY)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    @DisplayName("A correct signature older than the tolerance is rejected as stale")
    void staleSignatureIsRejected() {
        String header = SignatureVerifier.sign(OLD, 1000, BODY);
        assertThat(verifier(1000 + 301, OLD).verify(header, BODY)).isEqualTo(new Verdict.Rejected(
                "the signature timestamp 1970-01-01T00:16:40Z is more than PT5M away from now"));
        assertThat(verifier(1000 + 300, OLD).verify(header, BODY)).isInstanceOf(Verdict.Valid.class);
        assertThat(verifier(1000 - 301, OLD).verify(header, BODY)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    @DisplayName("While a secret is rotated, deliveries signed with the old and the new secret both verify")
    void rotatedSecretsBothVerify() {
        SignatureVerifier rotating = verifier(1000, NEW, OLD);
        assertThat(rotating.verify(SignatureVerifier.sign(OLD, 1000, BODY), BODY)).isInstanceOf(Verdict.Valid.class);
        assertThat(rotating.verify(SignatureVerifier.sign(NEW, 1000, BODY), BODY)).isInstanceOf(Verdict.Valid.class);
        assertThat(verifier(1000, NEW).verify(SignatureVerifier.sign(OLD, 1000, BODY), BODY))
                .isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    @DisplayName("Upper-case hex and spaces around the parts are accepted")
    void lenientFormatting() {
        String header = SignatureVerifier.sign(OLD, 1000, BODY);
        String shouty = header.replace("t=", " t = ").replace(",s=", " , s=").toUpperCase().replace("T = ", "t = ")
                .replace("S=", "s=");
        assertThat(verifier(1000, OLD).verify(shouty, BODY)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    @DisplayName("Secrets never appear in toString")
    void secretsAreRedacted() {
        assertThat(OLD.toString()).doesNotContain("old-secret").isEqualTo("WebhookSecret[redacted]");
        assertThat(WebhookSettings.of(OLD).toString()).doesNotContain("old-secret");
    }
}
