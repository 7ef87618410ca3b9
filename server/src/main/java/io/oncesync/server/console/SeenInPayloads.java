package io.oncesync.server.console;

import io.oncesync.engine.oncehub.Booking;
import io.oncesync.engine.oncehub.Interaction;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.Source;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.server.inbox.Deliveries;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What recent webhooks show that settings may name: booking calendars (id and name) for the Cases choice, and
 * custom fields and form/chatbot answers ({@code custom:…}, {@code answer:…}) for the mapping tabs. Read from the
 * last {@link #RECENT} deliveries in the inbox. Blocking.
 */
final class SeenInPayloads {
    static final int RECENT = 500;

    /** Calendars by id (name, or empty when OnceHub did not expand it) and dynamic property names per side. */
    record Seen(Map<String, String> calendars, List<String> contactProperties, List<String> meetingProperties) {
    }

    private SeenInPayloads() {
    }

    static Seen read(Deliveries deliveries) {
        Map<String, String> calendars = new TreeMap<>();
        Map<String, Boolean> contact = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Boolean> meeting = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        WebhookParser parser = new WebhookParser();
        for (byte[] body : deliveries.recentBodies(RECENT)) {
            if (body == null || !(parser.parse(body) instanceof ParseResult.Accepted a)) {
                continue;
            }
            OnceHubEvent event = a.event();
            Interaction data = event.data();
            Source source = data.source();
            if (source.kind() == Source.Kind.BOOKING_CALENDAR && source.id() != null) {
                String name = source.name() == null ? "" : source.name();
                calendars.merge(source.id(), name, (x, y) -> x.isEmpty() ? y : x);
            }
            data.guest().properties().keySet().stream().filter(SettingsForm::dynamic).forEach(p -> contact.put(p, true));
            if (data instanceof Booking b) {
                b.meeting().properties().keySet().stream().filter(SettingsForm::dynamic).forEach(p -> meeting.put(p, true));
            }
        }
        return new Seen(calendars, List.copyOf(contact.keySet()), List.copyOf(meeting.keySet()));
    }
}
