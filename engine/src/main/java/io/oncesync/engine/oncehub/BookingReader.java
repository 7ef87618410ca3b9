package io.oncesync.engine.oncehub;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the {@code data} of a {@code booking.*} event. */
final class BookingReader {

    private BookingReader() {
    }

    static Booking read(JsonCursor data) {
        String id = data.at("id").requiredText();
        Source source = source(data);
        JsonCursor form = data.at("form_submission");
        JsonCursor conversation = data.at("conversation");
        List<Answer> formFields = WebhookParser.customFields(form.at("custom_fields"));
        List<Answer> answers = new ArrayList<>(formFields);
        if (conversation.isObject()) {
            answers.addAll(ConversationReader.answers(conversation.at("answers")));
        }
        Guest guest = guest(form, conversation, formFields, answers, source);
        Meeting meeting = meeting(id, data, guest, answers, source);
        String conversationId = conversation.idOrObjectId();
        return new Booking(id, data.at("status").text(), data.at("in_trash").bool(),
                data.at("last_updated_time").instant(), guest, source, meeting, answers, conversationId,
                data.at("rescheduled_booking_id").text());
    }

    private static Source source(JsonCursor data) {
        JsonCursor calendar = data.at("booking_calendar");
        if (!calendar.absent()) {
            return new Source(Source.Kind.BOOKING_CALENDAR, calendar.idOrObjectId(), calendar.expandedName());
        }
        JsonCursor page = data.at("booking_page");
        if (!page.absent()) {
            return new Source(Source.Kind.BOOKING_PAGE, page.idOrObjectId(), page.expandedName());
        }
        return new Source(Source.Kind.UNKNOWN, null, null);
    }

    /** The form is what the guest typed now; an expanded conversation's contact is what OnceHub already knew. */
    private static Guest guest(JsonCursor form, JsonCursor conversation, List<Answer> formFields,
                               List<Answer> answers, Source source) {
        JsonCursor contact = conversation.at("contact");
        Guest known = ConversationReader.contact(contact, null, List.of(), source);
        Map<String, PropertyValue> props = WebhookParser.newProps();
        WebhookParser.putText(props, "company", form.at("company").text());
        WebhookParser.putText(props, "note", form.at("note").text());
        WebhookParser.putCustom(props, formFields, PropertyCatalog.contactProperties());
        known.properties().forEach(props::putIfAbsent);
        // the typed name wins; otherwise the contact's first/last
        PersonName typed = PersonName.split(form.at("name").text());
        PersonName name = typed.full() != null ? typed : known.name();
        String phone = firstNonNull(form.at("phone").text(), known.phone());
        String mobile = firstNonNull(form.at("mobile_phone").text(), known.mobilePhone());
        for (String p : new String[] {"first_name", "last_name", "full_name", "email", "phone", "mobile_phone"}) {
            props.remove(p); // recomputed from the merged identity below
        }
        return ConversationReader.guest(known.oncehubContactId(), name, form.at("email").text(), known.knownEmail(),
                phone, mobile, props, answers, source);
    }

    private static Meeting meeting(String bookingId, JsonCursor data, Guest guest, List<Answer> answers,
                                   Source source) {
        Instant start = data.at("starting_time").requiredInstant();
        Integer duration = data.at("duration_minutes").integer();
        if (duration == null) {
            throw data.at("duration_minutes").bad("is required");
        }
        if (duration < 0) {
            throw data.at("duration_minutes").bad("must not be negative, was " + duration);
        }
        Instant end = start.plusSeconds(60L * duration);
        String zone = data.at("customer_timezone").text();
        String joinUrl = data.at("virtual_conferencing").at("join_url").text();
        String place = data.at("location_description").text();
        String location = place != null ? place : joinUrl;
        String owner = data.at("owner").idOrObjectId();
        String status = data.at("status").text();
        String reason = data.at("cancel_reschedule_information").at("reason").text();
        String subject = data.at("subject").text();

        Map<String, PropertyValue> p = WebhookParser.newProps();
        WebhookParser.putText(p, "subject", subject);
        p.put("start_time", new PropertyValue(PropertyType.DATETIME, start));
        p.put("end_time", new PropertyValue(PropertyType.DATETIME, end));
        p.put("start_date", new PropertyValue(PropertyType.DATE, start.atZone(zoneOrUtc(zone)).toLocalDate()));
        p.put("duration_minutes", new PropertyValue(PropertyType.NUMBER, BigDecimal.valueOf(duration)));
        WebhookParser.putText(p, "timezone", zone);
        WebhookParser.putText(p, "location", location);
        WebhookParser.putText(p, "join_url", joinUrl);
        WebhookParser.putText(p, "owner", owner);
        WebhookParser.putText(p, "booking_id", bookingId);
        WebhookParser.putText(p, "booking_calendar", source.kind() == Source.Kind.BOOKING_CALENDAR
                ? firstNonNull(source.name(), source.id()) : null);
        WebhookParser.putText(p, "booking_page", source.kind() == Source.Kind.BOOKING_PAGE
                ? firstNonNull(source.name(), source.id()) : null);
        JsonCursor eventType = data.at("event_type");
        WebhookParser.putText(p, "event_type", firstNonNull(eventType.expandedName(), eventType.idOrObjectId()));
        WebhookParser.putText(p, "status", status);
        WebhookParser.putText(p, "cancel_reason", reason);
        WebhookParser.putText(p, "note", guest.property("note").map(PropertyValue::asText).orElse(null));
        WebhookParser.putText(p, "manage_url", data.at("cancel_reschedule_url").text());
        WebhookParser.putText(p, "guest_name", guest.name().full());
        WebhookParser.putTyped(p, "guest_email", PropertyType.EMAIL, guest.bestEmail().orElse(null));
        WebhookParser.putTyped(p, "guest_phone", PropertyType.PHONE, firstNonNull(guest.phone(), guest.mobilePhone()));
        WebhookParser.putText(p, "summary", summary(bookingId, guest, joinUrl, reason));
        WebhookParser.putCustom(p, WebhookParser.customFields(data.at("custom_fields")), Map.of());
        WebhookParser.putAnswers(p, answers);
        return new Meeting(subject, start, end, duration, zone, location, joinUrl, owner, source.id(), status,
                reason, p);
    }

    /** A short, stable description of the booking for the Event/Case Description. */
    private static String summary(String bookingId, Guest guest, String joinUrl, String reason) {
        StringBuilder s = new StringBuilder("OnceHub booking ").append(bookingId);
        if (guest.name().full() != null) {
            s.append("\nGuest: ").append(guest.name().full());
        }
        guest.bestEmail().ifPresent(e -> s.append(" <").append(e).append('>'));
        if (joinUrl != null) {
            s.append("\nJoin: ").append(joinUrl);
        }
        guest.property("note").ifPresent(n -> s.append("\nNote: ").append(n.asText()));
        if (reason != null) {
            s.append("\nCancel/reschedule reason: ").append(reason);
        }
        return s.toString();
    }

    private static ZoneId zoneOrUtc(String zone) {
        try {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
