package io.oncesync.server.inbox;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Compact OnceHub-shaped events written for these tests. */
public final class TestEvents {
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private TestEvents() {
    }

    /** A booking event as OnceHub would send it (compact JSON, as real deliveries are). */
    public static JsonObject booking(String eventId, String type, String bookingId, String email, Instant updated) {
        return new JsonObject()
                .put("id", eventId)
                .put("object", "event")
                .put("creation_time", updated.plusMillis(140).toString())
                .put("type", type)
                .put("api_version", "v2")
                .put("data", new JsonObject()
                        .put("object", "booking")
                        .put("id", bookingId)
                        .put("status", type.substring("booking.".length()))
                        .put("creation_time", T0.toString())
                        .put("last_updated_time", updated.toString())
                        .put("starting_time", "2026-12-01T15:00:00Z")
                        .put("duration_minutes", 30)
                        .put("form_submission", new JsonObject()
                                .put("name", "Ada Lovelace")
                                .put("email", email)
                                .put("phone", "")
                                .put("company", "Analytical Engines")));
    }

    public static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    /** An actionable inbox event; the body is a placeholder naming the event. */
    public static IncomingEvent incoming(String eventId, String bookingId, String guestKey, Instant orderAt) {
        return IncomingEvent.actionable(eventId, "booking.scheduled", bookingId, guestKey, orderAt, orderAt,
                ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
