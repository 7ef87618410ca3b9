package io.oncesync.engine.oncehub;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A JSON node plus its JSON pointer, so every complaint says where. Package-private parsing aid. */
record JsonCursor(JsonNode node, String pointer) {

    /** Thrown inside the parser only; {@link WebhookParser} turns it into {@link ParseResult.Malformed}. */
    static final class Bad extends RuntimeException {
        final String pointer;

        Bad(String pointer, String reason) {
            super(reason, null, false, false);
            this.pointer = pointer;
        }
    }

    JsonCursor at(String field) {
        JsonNode child = node == null ? null : node.get(field);
        return new JsonCursor(child, pointer + "/" + field.replace("~", "~0").replace("/", "~1"));
    }

    boolean absent() {
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
    }

    boolean isObject() {
        return node != null && node.isObject();
    }

    Bad bad(String reason) {
        return new Bad(pointer, reason);
    }

    /** Text or null; numbers and booleans are rendered as text; objects/arrays are an error. */
    String text() {
        if (absent()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw bad("expected a string, found " + node.getNodeType().name().toLowerCase());
        }
        return node.asText().strip();
    }

    String requiredText() {
        String t = text();
        if (t == null) {
            throw bad("is required");
        }
        return t;
    }

    Instant instant() {
        String t = text();
        if (t == null) {
            return null;
        }
        Instant fast = IsoInstants.parseUtc(t);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw bad("is not an ISO-8601 date-time: \"" + t + "\"");
            }
        }
    }

    Instant requiredInstant() {
        Instant i = instant();
        if (i == null) {
            throw bad("is required");
        }
        return i;
    }

    Integer integer() {
        if (absent()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.valueOf(node.asText().strip());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw bad("expected an integer, found " + node);
    }

    boolean bool() {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** The elements of an array (empty when absent); anything else is an error. */
    List<JsonCursor> elements() {
        List<JsonCursor> out = new ArrayList<>();
        if (absent()) {
            return out;
        }
        if (!node.isArray()) {
            throw bad("expected an array, found " + node.getNodeType().name().toLowerCase());
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonCursor(node.get(i), pointer + "/" + i));
        }
        return out;
    }

    /** A loosely typed custom value (string, number, boolean, array of strings) or null when blank. */
    PropertyValue looseValue() {
        if (absent()) {
            return null;
        }
        if (node.isBoolean()) {
            return new PropertyValue(PropertyType.BOOLEAN, node.booleanValue());
        }
        if (node.isNumber()) {
            return new PropertyValue(PropertyType.NUMBER, new BigDecimal(node.asText()));
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonCursor e : elements()) {
                if (!e.absent()) {
                    items.add(e.node.isContainerNode() ? e.node.toString() : e.node.asText().strip());
                }
            }
            return items.isEmpty() ? null : new PropertyValue(PropertyType.LIST, items);
        }
        if (node.isObject()) {
            return PropertyValue.text(node.toString());
        }
        return PropertyValue.text(node.asText().strip());
    }

    /** For "id string, expanded object or null" fields: the id. */
    String idOrObjectId() {
        if (absent()) {
            return null;
        }
        return node.isObject() ? at("id").text() : text();
    }

    /** For "id string, expanded object or null" fields: the name when expanded. */
    String expandedName() {
        return isObject() ? at("name").text() : null;
    }
}
