package io.oncesync.server.oncehub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * A booking fetched from the API as the webhook event it stands for: type from its status, the REST-only fields
 * dropped (contact, utm_params), an unexpanded conversation id nulled (webhooks always expand it), the envelope's
 * creation time its {@code last_updated_time}. The event id {@code poll:<booking id>@<last_updated_time>} makes
 * fetching the same state twice a duplicate in the inbox.
 */
final class SyntheticEvents {
    static final String ID_PREFIX = "poll:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPE_BY_STATUS = Map.of("scheduled", "booking.scheduled",
            "rescheduled", "booking.rescheduled", "canceled", "booking.canceled", "completed", "booking.completed",
            "no_show", "booking.no_show");

    private SyntheticEvents() {
    }

    /** The event body, or empty for a booking no webhook would announce yet (status {@code requested}, unknown). */
    static Optional<byte[]> of(JsonNode booking) {
        String type = TYPE_BY_STATUS.get(booking.path("status").asText(""));
        String id = booking.path("id").asText("");
        String updated = booking.path("last_updated_time").asText("");
        if (type == null || id.isBlank() || updated.isBlank()) {
            return Optional.empty();
        }
        ObjectNode data = booking.deepCopy();
        data.remove("contact");
        data.remove("utm_params");
        if (data.path("conversation").isTextual()) {
            data.putNull("conversation");
        }
        ObjectNode event = JSON.createObjectNode().put("id", ID_PREFIX + id + "@" + updated).put("object", "event")
                .put("creation_time", updated).put("type", type).put("api_version", "v2");
        event.set("data", data);
        try {
            return Optional.of(JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
