package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts refresh tokens at rest with AES-256-GCM. Stored form: {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}.
 * The org id is bound as associated data so a token copied onto another org's row does not decrypt.
 */
public final class TokenCipher {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private TokenCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("token key must be 32 bytes (base64 of 256 bits), was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A cipher from the configured key: base64 (standard or URL alphabet) of 32 random bytes. */
    public static TokenCipher fromBase64Key(Secret base64Key, SecureRandom random) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.reveal().strip());
        } catch (IllegalArgumentException e) {
            try {
                raw = Base64.getUrlDecoder().decode(base64Key.reveal().strip());
            } catch (IllegalArgumentException again) {
                throw new IllegalArgumentException("token key is not base64");
            }
        }
        return new TokenCipher(raw, random);
    }

    /** A fresh random key in the configured form, for {@code oncesync keygen}-style setup. */
    public static String newBase64Key(SecureRandom random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    public String encrypt(Secret token, String orgId) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, iv, orgId);
            byte[] sealed = c.doFinal(token.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalArgumentException if the value is not ours, was tampered with, or belongs to another org/key */
    public Secret decrypt(String stored, String orgId) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("stored token is not in the v1 encrypted form");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored token is not base64");
        }
        if (all.length <= IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("stored token is too short");
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, IV_BYTES), orgId);
            byte[] plain = c.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("stored token does not decrypt with this key for org " + orgId);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String orgId) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(("oncesync-refresh-token:" + Objects.requireNonNull(orgId, "orgId")).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-256-GCM, key redacted]";
    }
}
