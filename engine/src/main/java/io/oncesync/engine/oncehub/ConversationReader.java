package io.oncesync.engine.oncehub;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the {@code data} of a {@code conversation.*} event, and the OnceHub contact object. */
final class ConversationReader {

    private ConversationReader() {
    }

    static Conversation read(JsonCursor data) {
        String id = data.at("id").requiredText();
        List<Answer> answers = answers(data.at("answers"));
        Source source = source(data);
        Guest guest = contact(data.at("contact"), null, answers, source);
        List<String> bookings = new ArrayList<>();
        for (JsonCursor b : data.at("bookings").elements()) {
            String bid = b.idOrObjectId();
            if (bid != null) {
                bookings.add(bid);
            }
        }
        return new Conversation(id, data.at("status").text(), data.at("last_updated_time").instant(), guest, source,
                answers, bookings);
    }

    static List<Answer> answers(JsonCursor array) {
        List<Answer> out = new ArrayList<>();
        for (JsonCursor a : array.elements()) {
            PropertyValue value = a.at("value").looseValue();
            if (value != null) {
                out.add(new Answer(a.at("id").text(), a.at("internal_label").text(), a.at("question").text(), value));
            }
        }
        return out;
    }

    /**
     * A routing form arrives as a conversation whose bot is the form; OnceHub has no field saying which it is.
     * A conversation without a website is taken to be a routing form (shared by link), one with a website a
     * chatbot.
     */
    static Source source(JsonCursor data) {
        JsonCursor bot = data.at("bot");
        Source.Kind kind = data.at("website").absent() ? Source.Kind.ROUTING_FORM : Source.Kind.CHATBOT;
        return new Source(kind, bot.idOrObjectId(), bot.expandedName());
    }

    /**
     * The guest from an expanded OnceHub contact (absent → only what the interaction gave).
     *
     * @param interactionEmail the email typed in this interaction (a booking form), or null
     */
    static Guest contact(JsonCursor c, String interactionEmail, List<Answer> answers, Source source) {
        Map<String, PropertyValue> props = WebhookParser.newProps();
        Map<String, PropertyType> system = PropertyCatalog.contactProperties();
        String knownEmail = null;
        String phone = null;
        String mobile = null;
        PersonName name = new PersonName(null, null);
        String contactId = null;
        if (c.isObject()) {
            contactId = c.at("id").text();
            knownEmail = c.at("email").text();
            phone = c.at("phone").text();
            mobile = c.at("mobile_phone").text();
            name = new PersonName(c.at("first_name").text(), c.at("last_name").text());
            for (String p : new String[] {"company", "company_size", "job_title", "street_address", "city", "state",
                    "post_code", "country", "timezone", "salutation", "status"}) {
                WebhookParser.putText(props, p, c.at(p).text());
            }
            Integer employees = c.at("employees").absent() ? null : c.at("employees").integer();
            if (employees != null) {
                props.put("employees", new PropertyValue(PropertyType.NUMBER, BigDecimal.valueOf(employees)));
            }
            putBool(props, "has_consent", c.at("has_consent"));
            putBool(props, "terms_of_service", c.at("terms_of_service").absent() ? c.at("terms_of_sevice")
                    : c.at("terms_of_service"));
            WebhookParser.putCustom(props, WebhookParser.customFields(c.at("custom_fields")), system);
        }
        return guest(contactId, name, interactionEmail, knownEmail, phone, mobile, props, answers, source);
    }

    static Guest guest(String contactId, PersonName name, String email, String knownEmail, String phone,
                       String mobile, Map<String, PropertyValue> props, List<Answer> answers, Source source) {
        WebhookParser.putText(props, "first_name", name.first());
        WebhookParser.putText(props, "last_name", name.last());
        WebhookParser.putText(props, "full_name", name.full());
        String bestEmail = email != null ? email : knownEmail;
        WebhookParser.putTyped(props, "email", PropertyType.EMAIL, IdentityKeys.email(bestEmail));
        WebhookParser.putTyped(props, "phone", PropertyType.PHONE, phone);
        WebhookParser.putTyped(props, "mobile_phone", PropertyType.PHONE, mobile);
        WebhookParser.putText(props, "oncehub_contact_id", contactId);
        WebhookParser.putText(props, "source_name", source.name() != null ? source.name() : source.id());
        WebhookParser.putAnswers(props, answers);
        return new Guest(contactId, name, email, knownEmail, phone, mobile, props);
    }

    private static void putBool(Map<String, PropertyValue> props, String name, JsonCursor value) {
        if (value.node() != null && value.node().isBoolean()) {
            props.put(name, new PropertyValue(PropertyType.BOOLEAN, value.node().booleanValue()));
        }
    }
}
