package io.oncesync.engine.oncehub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 *
 * <p>The JSON is read under limits far above anything OnceHub sends and far below what could hurt: nesting depth
 * {@value #MAX_DEPTH}, numbers of at most {@value #MAX_NUMBER_CHARS} characters, strings of at most
 * {@value #MAX_STRING_CHARS} characters, field names of at most {@value #MAX_NAME_CHARS} characters, at most
 * {@value #MAX_FIELDS} fields in one object and {@value #MAX_TOKENS} tokens in all. A duplicate key in any object
 * is refused: with "last one wins" a second {@code "id"} could pass one event off as another. Each refusal names
 * the limit and where (JSON pointer, line and column).
 */
public final class WebhookParser {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NUMBER_CHARS = 100;
    public static final int MAX_STRING_CHARS = 256 * 1024;
    public static final int MAX_NAME_CHARS = 1024;
    public static final int MAX_FIELDS = 1000;
    public static final long MAX_TOKENS = 200_000;

    private static final ObjectMapper JSON = mapper();

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS).maxStringLength(MAX_STRING_CHARS)
                        .maxNameLength(MAX_NAME_CHARS).maxTokenCount(MAX_TOKENS).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Parses one webhook body. */
    public ParseResult parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ParseResult.Malformed("", "the body is empty");
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            try {
                root = JSON.readTree(parser);
                if (root == null) {
                    return new ParseResult.Malformed("", "the body holds no JSON value");
                }
                if (parser.nextToken() != null) {
                    return new ParseResult.Malformed("", "not JSON: content after the end of the JSON value" + where(parser));
                }
            } catch (StreamConstraintsException e) {
                return new ParseResult.Malformed(pointer(parser), "refused: " + limitReason(e) + where(parser));
            } catch (JsonProcessingException e) {
                return new ParseResult.Malformed(pointer(parser), "not JSON: " + e.getOriginalMessage() + where(parser));
            } catch (NumberFormatException e) {
                // Short enough for the length limit, yet out of any number's range: 1E3337377737 (found by fuzzing).
                return new ParseResult.Malformed(pointer(parser), "refused: a number out of range (its exponent is too large)"
                        + where(parser));
            }
        } catch (IOException e) {
            return new ParseResult.Malformed("", "unreadable: " + e.getMessage());
        }
        String crowded = crowdedObject(root);
        if (crowded != null) {
            return new ParseResult.Malformed(crowded, "refused: an object with more than " + MAX_FIELDS + " fields");
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

    /** The JSON pointer of where the parser stopped, or "" when it cannot tell. */
    private static String pointer(JsonParser parser) {
        try {
            JsonStreamContext context = parser.getParsingContext();
            return context == null ? "" : context.pathAsPointer().toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** " at line L, column C" where the parser stopped; empty when unknown (never throws). */
    private static String where(JsonParser parser) {
        JsonLocation at = parser.currentLocation();
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's constraint message names the limit; the part telling Java developers which getter set it goes. */
    private static String limitReason(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int from = m.indexOf(", from `");
        if (from > 0) {
            int close = m.indexOf(')', from);
            m = m.substring(0, from) + (close > 0 ? m.substring(close) : "");
        }
        int use = m.indexOf(" (use `");
        return use > 0 ? m.substring(0, use) : m;
    }

    /** The pointer of the first object with more than {@link #MAX_FIELDS} fields, or null. Depth is bounded. */
    private static String crowdedObject(JsonNode node) {
        if (node.isObject()) {
            if (node.size() > MAX_FIELDS) {
                return "";
            }
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isContainerNode()) {
                    String found = crowdedObject(e.getValue());
                    if (found != null) {
                        return "/" + e.getKey().replace("~", "~0").replace("/", "~1") + found;
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = node.get(i).isContainerNode() ? crowdedObject(node.get(i)) : null;
                if (found != null) {
                    return "/" + i + found;
                }
            }
        }
        return null;
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
