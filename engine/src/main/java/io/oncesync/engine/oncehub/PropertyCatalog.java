package io.oncesync.engine.oncehub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OnceHub properties settings can map, by name, with their types. Contact properties feed the Leads and
 * Contacts tabs; meeting properties the Events and Cases tabs. Besides the fixed names below, settings may name
 * {@code custom:<name>} (a custom field of the form, contact or booking) and {@code answer:<label>} (an answer by
 * question or internal label); those are {@link PropertyType#TEXT} unless the mapping declares a type.
 */
public final class PropertyCatalog {

    public static final String CUSTOM_PREFIX = "custom:";
    public static final String ANSWER_PREFIX = "answer:";

    private static final Map<String, PropertyType> CONTACT = new LinkedHashMap<>();
    private static final Map<String, PropertyType> MEETING = new LinkedHashMap<>();

    static {
        for (String p : new String[] {"first_name", "last_name", "full_name", "company", "company_size", "job_title",
                "street_address", "city", "state", "post_code", "country", "timezone", "salutation", "status", "note",
                "oncehub_contact_id", "source_name"}) {
            CONTACT.put(p, PropertyType.TEXT);
        }
        CONTACT.put("email", PropertyType.EMAIL);
        CONTACT.put("phone", PropertyType.PHONE);
        CONTACT.put("mobile_phone", PropertyType.PHONE);
        CONTACT.put("employees", PropertyType.NUMBER);
        CONTACT.put("has_consent", PropertyType.BOOLEAN);
        CONTACT.put("terms_of_service", PropertyType.BOOLEAN);

        for (String p : new String[] {"subject", "timezone", "location", "join_url", "owner", "booking_id",
                "booking_calendar", "booking_page", "event_type", "status", "cancel_reason", "note", "summary",
                "manage_url", "guest_name"}) {
            MEETING.put(p, PropertyType.TEXT);
        }
        MEETING.put("start_time", PropertyType.DATETIME);
        MEETING.put("end_time", PropertyType.DATETIME);
        MEETING.put("start_date", PropertyType.DATE);
        MEETING.put("duration_minutes", PropertyType.NUMBER);
        MEETING.put("guest_email", PropertyType.EMAIL);
        MEETING.put("guest_phone", PropertyType.PHONE);
    }

    private PropertyCatalog() {
    }

    /** Fixed contact property names and types, in display order. */
    /** Immutable copies made once: the parser asks for the contact catalog on every webhook. */
    private static final Map<String, PropertyType> CONTACT_VIEW = Map.copyOf(CONTACT);
    private static final Map<String, PropertyType> MEETING_VIEW = Map.copyOf(MEETING);

    public static Map<String, PropertyType> contactProperties() {
        return CONTACT_VIEW;
    }

    /** Fixed meeting property names and types, in display order. */
    public static Map<String, PropertyType> meetingProperties() {
        return MEETING_VIEW;
    }

    /**
     * The type of a property name on a contact (Leads/Contacts tabs) or meeting (Events/Cases tabs); dynamic
     * {@code custom:}/{@code answer:} names are TEXT; unknown names are empty.
     */
    public static Optional<PropertyType> typeOf(String name, boolean meeting) {
        if (name.startsWith(CUSTOM_PREFIX) || name.startsWith(ANSWER_PREFIX)) {
            return name.indexOf(':') + 1 < name.length() ? Optional.of(PropertyType.TEXT) : Optional.empty();
        }
        return Optional.ofNullable((meeting ? MEETING : CONTACT).get(name));
    }
}
