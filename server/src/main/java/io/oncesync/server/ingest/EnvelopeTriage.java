package io.oncesync.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.server.inbox.IncomingEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal check of the OnceHub envelope ({@code id}, {@code type}, {@code creation_time}, {@code data}) and of
 * the few booking fields the inbox orders by. The rule engine's parser decides the rest.
 */
public final class EnvelopeTriage implements EventTriage {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> HANDLED = Set.of("booking.scheduled", "booking.rescheduled",
            "booking.canceled_then_rescheduled", "booking.canceled_reschedule_requested", "booking.canceled",
            "booking.completed", "booking.no_show", "booking.reassigned", "conversation.started",
            "conversation.closed", "conversation.abandoned");

    @Override
    public Triage triage(byte[] body) {
        Optional<String> utf8 = Utf8.firstError(body);
        if (utf8.isPresent()) {
            return new Triage.Malformed(utf8.get());
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Triage.Malformed("the body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return new Triage.Malformed("the body could not be read as JSON: " + e.getMessage());
        }
        try {
            return new Triage.Store(read(root, body));
        } catch (BadField e) {
            return new Triage.Malformed(e.getMessage());
        }
    }

    private static IncomingEvent read(JsonNode root, byte[] body) {
        if (root == null || !root.isObject()) {
            throw new BadField("the body must be a JSON object");
        }
        String id = text(root, "id", "/id", true);
        String type = text(root, "type", "/type", true);
        Instant created = time(root, "creation_time", "/creation_time", true);
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new BadField("/data must be an object");
        }
        String apiVersion = text(root, "api_version", "/api_version", false);
        if (apiVersion != null && !apiVersion.equals("v2")) {
            return ignored(id, type, created, "api_version " + apiVersion + " is not supported (only v2)", body);
        }
        if (!HANDLED.contains(type)) {
            return ignored(id, type, created, "event type " + type + " is not handled", body);
        }
        if (type.startsWith("booking.")) {
            String bookingId = text(data, "id", "/data/id", true);
            Instant updated = time(data, "last_updated_time", "/data/last_updated_time", false);
            String guest = bookingGuest(data);
            return IncomingEvent.actionable(id, type, bookingId, guest, updated == null ? created : updated, created,
                    body);
        }
        JsonNode contact = data.get("contact");
        String guest = contact != null && contact.isObject() ? guestKey(contact, "/data/contact") : null;
        Instant updated = time(data, "last_updated_time", "/data/last_updated_time", false);
        return IncomingEvent.actionable(id, type, null, guest, updated == null ? created : updated, created, body);
    }

    private static IncomingEvent ignored(String id, String type, Instant created, String reason, byte[] body) {
        return new IncomingEvent(id, type, null, null, created, created, reason, body);
    }

    private static String bookingGuest(JsonNode data) {
        JsonNode form = data.get("form_submission");
        if (form == null || form.isNull()) {
            return null;
        }
        if (!form.isObject()) {
            throw new BadField("/data/form_submission must be an object or null");
        }
        return guestKey(form, "/data/form_submission");
    }

    /** The normalised guest identity: the lower-cased email, else the phone's digits. */
    private static String guestKey(JsonNode person, String pointer) {
        String email = text(person, "email", pointer + "/email", false);
        if (email != null && !email.isBlank()) {
            return "email:" + email.trim().toLowerCase(Locale.ROOT);
        }
        for (String field : new String[] {"mobile_phone", "phone"}) {
            String phone = text(person, field, pointer + "/" + field, false);
            String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) {
                return "phone:" + digits;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field, String pointer, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadField(pointer + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadField(pointer + " must be a string, was " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (required && value.textValue().isBlank()) {
            throw new BadField(pointer + " must not be empty");
        }
        return value.textValue();
    }

    private static Instant time(JsonNode node, String field, String pointer, boolean required) {
        String value = text(node, field, pointer, required);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadField(pointer + " must be an ISO-8601 UTC time, was \"" + value + "\"");
        }
    }

    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
