package io.oncesync.engine.oncehub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns raw webhook bytes into a {@link ParseResult}. Thread-safe and stateless; never throws for bad input.
 * The body is read as UTF-8 JSON whatever the content type says; {@code null} and {@code ""} both mean absent.
 */
public final class WebhookParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses one webhook body. */
    public ParseResult parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ParseResult.Malformed("", "the body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new ParseResult.Malformed("", "not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return new ParseResult.Malformed("", "unreadable: " + e.getMessage());
        }
        try {
            return parse(new JsonCursor(root, ""));
        } catch (JsonCursor.Bad bad) {
            return new ParseResult.Malformed(bad.pointer, bad.getMessage());
        }
    }

    private ParseResult parse(JsonCursor root) {
        if (!root.isObject()) {
            throw root.bad("expected a JSON object");
        }
        String eventId = root.at("id").text();
        String typeName = root.at("type").text();
        String version = root.at("api_version").text();
        if (!"v2".equals(version)) {
            return new ParseResult.Ignored(eventId, typeName, "api_version " + quoted(version) + " is not v2");
        }
        if (typeName == null) {
            throw root.at("type").bad("is required");
        }
        Optional<EventType> type = EventType.fromWire(typeName);
        if (type.isEmpty()) {
            return new ParseResult.Ignored(eventId, typeName, "event type " + quoted(typeName) + " is not one oncesync acts on");
        }
        root.at("id").requiredText();
        Instant created = root.at("creation_time").requiredInstant();
        JsonCursor data = root.at("data");
        if (!data.isObject()) {
            throw data.bad("expected the event's data object");
        }
        Interaction interaction = type.get().isBooking() ? BookingReader.read(data) : ConversationReader.read(data);
        return new ParseResult.Accepted(new OnceHubEvent(eventId, type.get(), created, interaction));
    }

    private static String quoted(String s) {
        return s == null ? "(missing)" : "\"" + s + "\"";
    }

    /** Shared by the booking and conversation readers. */
    static List<Answer> customFields(JsonCursor array) {
        List<Answer> out = new ArrayList<>();
        for (JsonCursor field : array.elements()) {
            String name = field.at("name").text();
            PropertyValue value = field.at("value").looseValue();
            if (name != null && value != null) {
                out.add(new Answer(null, name, name, value));
            }
        }
        return out;
    }

    /** Puts {@code custom:<name>} (and a system property of the same name, if not already set) for each field. */
    static void putCustom(Map<String, PropertyValue> props, List<Answer> fields, Map<String, PropertyType> system) {
        for (Answer f : fields) {
            props.putIfAbsent(PropertyCatalog.CUSTOM_PREFIX + f.internalLabel(), f.value());
            String sys = f.internalLabel().toLowerCase(java.util.Locale.ROOT);
            if (system.containsKey(sys)) {
                props.putIfAbsent(sys, f.value());
            }
        }
    }

    /** Puts {@code answer:<question>} and {@code answer:<internal label>} for each answer. */
    static void putAnswers(Map<String, PropertyValue> props, List<Answer> answers) {
        for (Answer a : answers) {
            if (a.question() != null) {
                props.putIfAbsent(PropertyCatalog.ANSWER_PREFIX + a.question(), a.value());
            }
            if (a.internalLabel() != null) {
                props.putIfAbsent(PropertyCatalog.ANSWER_PREFIX + a.internalLabel(), a.value());
            }
        }
    }

    static void putText(Map<String, PropertyValue> props, String name, String value) {
        putTyped(props, name, PropertyType.TEXT, value);
    }

    static void putTyped(Map<String, PropertyValue> props, String name, PropertyType type, String value) {
        if (value != null && !value.isBlank()) {
            props.put(name, new PropertyValue(type, value.strip()));
        }
    }

    static Map<String, PropertyValue> newProps() {
        return new LinkedHashMap<>();
    }
}
