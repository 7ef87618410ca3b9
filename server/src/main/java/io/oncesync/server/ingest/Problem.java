package io.oncesync.server.ingest;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail. {@code detail} names the fault for the sender (which field, which byte), never a secret.
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:oncesync:problem:";

    public static Problem invalidSignature(String detail) {
        return new Problem(TYPE_PREFIX + "invalid-signature", "Invalid webhook signature", 401, detail);
    }

    public static Problem malformed(String detail) {
        return new Problem(TYPE_PREFIX + "malformed-event", "Malformed webhook event", 400, detail);
    }

    public static Problem tooLarge(long limitBytes) {
        return new Problem(TYPE_PREFIX + "body-too-large", "Webhook body too large", 413,
                "the body exceeds the limit of " + limitBytes + " bytes");
    }

    public static Problem unavailable(String detail) {
        return new Problem(TYPE_PREFIX + "inbox-unavailable", "Event not stored, try again", 503, detail);
    }

    public static Problem busy(String detail) {
        return new Problem(TYPE_PREFIX + "busy", "Too busy, try again", 503, detail);
    }

    public static Problem timeout(java.time.Duration limit) {
        return new Problem(TYPE_PREFIX + "request-timeout", "Request body too slow", 408,
                "the body did not arrive within " + limit.toSeconds() + " seconds");
    }

    public static Problem internal(String detail) {
        return new Problem(TYPE_PREFIX + "internal-error", "Internal error", 500, detail);
    }

    public JsonObject toJson() {
        return new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail);
    }
}
