package io.oncesync.server.ingest;

import java.nio.charset.StandardCharsets;

/** One OnceHub endpoint secret. Never printed: {@code toString()} is redacted. */
public record WebhookSecret(String value) {
    public WebhookSecret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be blank");
        }
    }

    byte[] keyBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
