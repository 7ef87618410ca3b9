package io.oncesync.server.ingest;

import java.time.Duration;
import java.util.List;

/**
 * Test fixture: the webhook endpoint's settings for {@link IngestServer} (the server reads them from its
 * configuration).
 *
 * @param secrets        the active endpoint secrets (more than one while rotating)
 * @param tolerance      how far the signature timestamp may be from now. OnceHub retries for about three days and
 *                       does not say whether a retry is re-signed, so the default (3 days, as ONCESYNC_WEBHOOK_TOLERANCE_SECONDS) keeps retries working;
 *                       replays are caught by the event id.
 * @param bodyLimitBytes larger bodies get 413
 */
public record WebhookSettings(List<WebhookSecret> secrets, Duration tolerance, long bodyLimitBytes) {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofDays(3);
    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    public WebhookSettings {
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is required");
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the signature tolerance must be positive, was " + tolerance);
        }
        if (bodyLimitBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, was " + bodyLimitBytes);
        }
    }

    public static WebhookSettings of(WebhookSecret... secrets) {
        return new WebhookSettings(List.of(secrets), DEFAULT_TOLERANCE, DEFAULT_BODY_LIMIT);
    }

    public WebhookSettings withTolerance(Duration newTolerance) {
        return new WebhookSettings(secrets, newTolerance, bodyLimitBytes);
    }

    public WebhookSettings withBodyLimit(long limit) {
        return new WebhookSettings(secrets, tolerance, limit);
    }
}
