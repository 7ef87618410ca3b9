package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A PKCE pair (RFC 7636, method S256): the verifier stays with us, the challenge goes to the authorize URL. */
public record Pkce(Secret verifier, String challenge) {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public Pkce {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(challenge, "challenge");
        int len = verifier.reveal().length();
        if (len < 43 || len > 128) {
            throw new IllegalArgumentException("PKCE verifier must be 43..128 characters, was " + len);
        }
    }

    public static Pkce generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return fromVerifier(URL.encodeToString(bytes));
    }

    public static Pkce fromVerifier(String verifier) {
        return new Pkce(Secret.of(verifier), challengeOf(verifier));
    }

    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
