package io.oncesync.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code Oncehub-Signature: t=<unix seconds>,s=<hex>}: HMAC-SHA256 keyed by the endpoint secret over
 * {@code t + "." + body}, hex encoded. Several secrets may be active at once so a secret can be rotated without
 * rejecting deliveries signed with the old one. Comparison is constant-time. The header's shape and the timestamp are
 * checked before any HMAC (and, through {@link #precheck}, before the body is even read).
 */
public final class SignatureVerifier {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final SecretSource source;
    private final Duration tolerance;
    private final Clock clock;
    /** One keyed Mac per secret per thread: looking up the JCE provider on every request costs more than the HMAC. */
    private final ThreadLocal<KeyedMacs> macs = new ThreadLocal<>();

    /** The Macs keyed for one list of secrets (rebuilt when the source hands out another list). */
    private record KeyedMacs(List<WebhookSecret> secrets, Mac[] macs) {
    }

    public SignatureVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
        this(SecretSource.fixed(requireSome(secrets)), tolerance, clock);
    }

    /** Secrets that may change while running (a managed subscription's, rotated with an overlap). */
    public SignatureVerifier(SecretSource source, Duration tolerance, Clock clock) {
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the signature timestamp tolerance must be positive, was " + tolerance);
        }
        this.source = source;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    private static List<WebhookSecret> requireSome(List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is required");
        }
        return secrets;
    }

    /** Verifies a header (null when absent) against the exact body bytes. */
    public Verdict verify(String header, byte[] body) {
        Parsed parsed = parse(header);
        if (parsed.rejected() != null) {
            return parsed.rejected();
        }
        List<WebhookSecret> secrets = source.current();
        if (secrets.isEmpty()) {
            return new Verdict.Rejected("no webhook signing secret is known yet (connect the OnceHub subscription)");
        }
        if (!matchesAnySecret(secrets, parsed.timestamp(), parsed.signatures(), body)) {
            return new Verdict.Rejected("the signature does not match the body");
        }
        return new Verdict.Valid(parsed.signedAt());
    }

    /**
     * What can be checked before the body is read: the header is present and well-formed and its timestamp within
     * the tolerance. Empty when the body is worth reading; the webhook route answers 401 without buffering otherwise.
     */
    public Optional<Verdict.Rejected> precheck(String header) {
        return Optional.ofNullable(parse(header).rejected());
    }

    private record Parsed(Verdict.Rejected rejected, String timestamp, List<String> signatures, Instant signedAt) {
        static Parsed rejected(String reason) {
            return new Parsed(new Verdict.Rejected(reason), null, List.of(), null);
        }
    }

    private Parsed parse(String header) {
        if (header == null || header.isBlank()) {
            return Parsed.rejected("the Oncehub-Signature header is missing");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            return Parsed.rejected("the Oncehub-Signature header is too long");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>(1);
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("s")) {
                signatures.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (!isUnixSeconds(timestamp)) {
            return Parsed.rejected("the Oncehub-Signature header has no valid t=<unix seconds> part");
        }
        if (signatures.isEmpty()) {
            return Parsed.rejected("the Oncehub-Signature header has no s=<signature> part");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration age = Duration.between(signedAt, clock.instant()).abs();
        if (age.compareTo(tolerance) > 0) {
            return Parsed.rejected("the signature timestamp " + signedAt + " is more than " + tolerance
                    + " away from now");
        }
        return new Parsed(null, timestamp, signatures, signedAt);
    }

    /** 1 to 12 ASCII digits; checked by hand because String.matches compiles its pattern on every call. */
    private static boolean isUnixSeconds(String timestamp) {
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > 12) {
            return false;
        }
        for (int i = 0; i < timestamp.length(); i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean matchesAnySecret(List<WebhookSecret> secrets, String timestamp, List<String> signatures,
                                     byte[] body) {
        boolean match = false;
        KeyedMacs cached = macs.get();
        if (cached == null || cached.secrets() != secrets) {
            cached = new KeyedMacs(secrets, new Mac[secrets.size()]);
            macs.set(cached);
        }
        Mac[] keyed = cached.macs();
        for (int i = 0; i < secrets.size(); i++) {
            if (keyed[i] == null) {
                keyed[i] = keyedMac(secrets.get(i));
            }
            byte[] expected = hmacHex(keyed[i], timestamp, body);
            for (String candidate : signatures) {
                // No early exit: the time taken does not depend on which secret or signature matched.
                match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return match;
    }

    private static Mac keyedMac(WebhookSecret secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.keyBytes(), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The lowercase-hex signature of {@code timestamp + "." + body} under the Mac's key, as ASCII bytes. */
    private static byte[] hmacHex(Mac mac, String timestamp, byte[] body) {
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        byte[] digest = mac.doFinal();
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return hex;
    }

    /** Builds a header value as OnceHub would send it; for tests, tools and the demo. */
    public static String sign(WebhookSecret secret, long unixSeconds, byte[] body) {
        String t = Long.toString(unixSeconds);
        return "t=" + t + ",s=" + new String(hmacHex(keyedMac(secret), t, body), StandardCharsets.US_ASCII);
    }
}
