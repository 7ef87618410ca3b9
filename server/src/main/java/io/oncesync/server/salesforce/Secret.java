package io.oncesync.server.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (access token, refresh token, client secret). {@code toString()} never reveals it; call
 * {@link #reveal()} only where it goes on the wire or into the cipher.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret is blank");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: a hash would leak information about the secret
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
