package io.oncesync.engine.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

    private final WebhookParser parser = new WebhookParser();

    private static byte[] payload(String name) throws IOException {
        try (InputStream in = WebhookParserTest.class.getResourceAsStream("/payloads/" + name)) {
            return in.readAllBytes();
        }
    }

    private OnceHubEvent accepted(byte[] body) {
        ParseResult r = parser.parse(body);
        assertThat(r).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).event();
    }

    private ParseResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a booking becomes a typed event with guest, source, answers and meeting")
    void booking() throws IOException {
        OnceHubEvent e = accepted(payload("booking-scheduled.json"));
        assertThat(e.id()).isEqualTo("EVNT-T3ST000001");
        assertThat(e.type()).isEqualTo(EventType.BOOKING_SCHEDULED);
        assertThat(e.createdAt()).isEqualTo(Instant.parse("2026-06-02T10:00:01.250Z"));
        Booking b = e.booking().orElseThrow();
        assertThat(b.id()).isEqualTo("BKNG-T3STBOOK0001");
        assertThat(b.guest().name()).isEqualTo(new PersonName("Inès", "Moreau-Lefèvre"));
        assertThat(b.guest().email()).isEqualTo("ines.moreau@client.example");
        assertThat(b.guest().phone()).as("\"\" is absent").isNull();
        assertThat(b.guest().mobilePhone()).isEqualTo("+33 6 12 34 56 78");
        assertThat(b.source()).isEqualTo(new Source(Source.Kind.BOOKING_CALENDAR, "BKC-SUPPORT01", "Support desk"));
        Meeting m = b.meeting();
        assertThat(m.start()).isEqualTo(Instant.parse("2026-06-09T13:00:00Z"));
        assertThat(m.end()).isEqualTo(Instant.parse("2026-06-09T13:30:00Z"));
        assertThat(m.location()).as("no place, so the join URL").isEqualTo("https://meet.example/abc");
        assertThat(m.ownerId()).as("expanded owner gives its id").isEqualTo("USR-HOST000001");
        assertThat(m.property("event_type").orElseThrow().asText()).isEqualTo("Onboarding");
        assertThat(m.property("custom:ticket").orElseThrow().asText()).isEqualTo("T-77");
        assertThat(b.rescheduledBookingId()).isNull();
        assertThat(e.previousBookingId()).isEmpty();
    }

    @Test
    @DisplayName("form custom fields are addressable as custom:, answer: and, for system names, plainly")
    void customFields() throws IOException {
        Guest g = accepted(payload("booking-scheduled.json")).data().guest();
        assertThat(g.property("job_title").orElseThrow().asText()).isEqualTo("Head of Ops");
        assertThat(g.property("custom:job_title")).isPresent();
        assertThat(g.property("answer:Interests").orElseThrow()).isEqualTo(new PropertyValue(PropertyType.LIST, List.of("Routing", "Chat")));
        assertThat(g.property("custom:newsletter").orElseThrow().value()).isEqualTo(false);
        assertThat(g.property("custom:empty")).as("blank values are absent").isEmpty();
        assertThat(g.property("email").orElseThrow().type()).isEqualTo(PropertyType.EMAIL);
    }

    @Test
    @DisplayName("a conversation without a website is a routing form; answers are found by question or label")
    void routingForm() throws IOException {
        OnceHubEvent e = accepted(payload("conversation-routing-form.json"));
        Conversation c = (Conversation) e.data();
        assertThat(c.source()).isEqualTo(new Source(Source.Kind.ROUTING_FORM, "BOT-FORM0001", "Qualify form"));
        Guest g = c.guest();
        assertThat(g.email()).isNull();
        assertThat(g.knownEmail()).isNull();
        assertThat(g.name()).isEqualTo(new PersonName("Ravi", null));
        assertThat(g.property("answer:team_size").orElseThrow().asText()).isEqualTo("11-50");
        assertThat(g.property("answer:How big is your team?").orElseThrow().asText()).isEqualTo("11-50");
        assertThat(g.property("answer:Anything else?")).isPresent();
        assertThat(g.property("employees").orElseThrow().value()).isEqualTo(BigDecimal.valueOf(42));
        assertThat(g.property("terms_of_service").orElseThrow().value()).as("the schema's misspelling").isEqualTo(false);
        assertThat(e.bookingId()).isEmpty();
        assertThat(e.guestKey()).as("no email: the phone's digits").contains("4155550101");
    }

    @Test
    @DisplayName("the guest key is the lower-cased email")
    void guestKey() throws IOException {
        assertThat(accepted(payload("booking-scheduled.json")).guestKey()).contains("ines.moreau@client.example");
    }

    @Test
    @DisplayName("an unknown event type is ignored, with the reason")
    void unknownType() {
        ParseResult r = parse("{\"id\":\"EVNT-1\",\"type\":\"conversation.reached_out\",\"api_version\":\"v2\",\"data\":{}}");
        assertThat(r).isEqualTo(new ParseResult.Ignored("EVNT-1", "conversation.reached_out",
                "event type \"conversation.reached_out\" is not one oncesync acts on"));
    }

    @Test
    @DisplayName("a v1 body is ignored, whatever its shape")
    void v1() {
        ParseResult r = parse("{\"id\":\"EVNT-2\",\"type\":\"booking.scheduled\",\"api_version\":\"v1\",\"data\":{\"owner\":\"Jo\"}}");
        assertThat(r).isEqualTo(new ParseResult.Ignored("EVNT-2", "booking.scheduled", "api_version \"v1\" is not v2"));
        assertThat(parse("{\"type\":\"booking.scheduled\"}").kind()).isEqualTo(ParseResult.Kind.IGNORED);
    }

    @Test
    @DisplayName("bad input is malformed with a pointer to where, never an exception")
    void malformed() {
        assertThat(parser.parse(new byte[0])).isEqualTo(new ParseResult.Malformed("", "the body is empty"));
        assertThat(parse("{not json").kind()).isEqualTo(ParseResult.Kind.MALFORMED);
        assertThat(parse("[1,2]")).isEqualTo(new ParseResult.Malformed("", "expected a JSON object"));
        String base = "{\"id\":\"EVNT-3\",\"type\":\"booking.canceled\",\"api_version\":\"v2\",\"creation_time\":\"2026-01-01T00:00:00Z\",";
        assertThat(parse(base + "\"data\":null}")).isEqualTo(new ParseResult.Malformed("/data", "expected the event's data object"));
        assertThat(parse(base + "\"data\":{\"id\":\"BKNG-1\",\"starting_time\":\"tomorrow\",\"duration_minutes\":5}}"))
                .isEqualTo(new ParseResult.Malformed("/data/starting_time", "is not an ISO-8601 date-time: \"tomorrow\""));
        assertThat(parse(base + "\"data\":{\"id\":\"BKNG-1\",\"starting_time\":\"2026-01-01T00:00:00Z\",\"duration_minutes\":\"x\"}}"))
                .isEqualTo(new ParseResult.Malformed("/data/duration_minutes", "expected an integer, found \"x\""));
        assertThat(parse(base + "\"data\":{\"starting_time\":\"2026-01-01T00:00:00Z\",\"duration_minutes\":5}}"))
                .isEqualTo(new ParseResult.Malformed("/data/id", "is required"));
        assertThat(parse(base + "\"data\":{\"id\":\"BKNG-1\",\"starting_time\":\"2026-01-01T00:00:00Z\",\"duration_minutes\":5,"
                + "\"form_submission\":{\"name\":{\"first\":\"x\"}}}}"))
                .isEqualTo(new ParseResult.Malformed("/data/form_submission/name", "expected a string, found object"));
    }

    @Test
    @DisplayName("a booking with no form at all still parses, with an anonymous guest")
    void noForm() {
        OnceHubEvent e = accepted(("{\"id\":\"EVNT-4\",\"type\":\"booking.completed\",\"api_version\":\"v2\","
                + "\"creation_time\":\"2026-01-01T00:00:00Z\",\"data\":{\"id\":\"BKNG-2\","
                + "\"starting_time\":\"2026-01-01T00:00:00Z\",\"duration_minutes\":0,\"form_submission\":null}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(e.data().guest().name().full()).isNull();
        assertThat(e.guestKey()).isEmpty();
        assertThat(e.bookingId()).contains("BKNG-2");
    }

    @Test
    @DisplayName("a booking that replaces another names the replaced one, for the ledger lookup")
    void replacedBooking() {
        OnceHubEvent moved = accepted(("{\"id\":\"EVNT-5\",\"type\":\"booking.canceled_then_rescheduled\",\"api_version\":\"v2\","
                + "\"creation_time\":\"2026-01-01T00:00:00Z\",\"data\":{\"id\":\"BKNG-NEW\",\"rescheduled_booking_id\":\"BKNG-OLD\","
                + "\"starting_time\":\"2026-01-01T00:00:00Z\",\"duration_minutes\":15}}").getBytes(StandardCharsets.UTF_8));
        assertThat(moved.previousBookingId()).contains("BKNG-OLD");
    }
}
