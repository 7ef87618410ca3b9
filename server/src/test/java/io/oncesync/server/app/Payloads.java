package io.oncesync.server.app;

import io.oncesync.server.demo.DemoWebhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** OnceHub booking webhooks for the end-to-end tests, built from the demo's full-form booking. */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TEMPLATE = demoWebhook("01-booking-full-form.json");

    private Payloads() {
    }

    /** A booking event; the status follows the type ({@code booking.canceled} → canceled, …). */
    static byte[] booking(String eventId, String type, String bookingId, String email, String firstName, String lastName,
                          Instant lastUpdated, Instant start) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(TEMPLATE);
            root.put("id", eventId).put("type", type).put("creation_time", lastUpdated.plusSeconds(1).toString());
            ObjectNode data = (ObjectNode) root.get("data");
            data.put("id", bookingId).put("status", type.substring("booking.".length()))
                    .put("last_updated_time", lastUpdated.toString()).put("starting_time", start.toString());
            ObjectNode form = (ObjectNode) data.get("form_submission");
            form.put("name", firstName + " " + lastName);
            if (email == null) {
                form.putNull("email");
            } else {
                form.put("email", email);
            }
            form.putNull("phone");
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chatbot conversation just opened by a visitor who has typed nothing yet. */
    static byte[] anonymousConversation(String eventId) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(demoWebhook("06-chatbot-conversation.json"));
            root.put("id", eventId).put("type", "conversation.started");
            ObjectNode data = (ObjectNode) root.get("data");
            data.put("id", "CVR-" + eventId.substring(5)).put("status", "started");
            data.putArray("answers");
            ObjectNode contact = (ObjectNode) data.get("contact");
            for (String f : new String[] {"company", "email", "employees", "first_name", "last_name", "job_title", "mobile_phone", "phone"}) {
                contact.putNull(f);
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes one field of the form submission (raw JSON value), for hostile-input tests. */
    static byte[] withFormField(byte[] body, String field, String value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            ((ObjectNode) root.get("data").get("form_submission")).put(field, value);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] demoWebhook(String name) {
        return DemoWebhooks.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().body();
    }
}
