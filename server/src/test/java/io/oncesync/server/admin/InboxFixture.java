package io.oncesync.server.admin;

import io.oncesync.server.inbox.ClaimedBatch;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.IncomingEvent;
import io.oncesync.server.inbox.Settlement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Puts deliveries into an inbox in a chosen state, the way the workers would leave them. */
public final class InboxFixture {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static int counter;

    private InboxFixture() {
    }

    /** Admits one event per id and settles them all: ids starting with "dead" die, the rest are applied. */
    public static void deliveries(InboxDatabase db, List<Delivery> deliveries) throws Exception {
        for (Delivery d : deliveries) {
            Instant at = T0.plusSeconds(counter++);
            db.inbox().admit(IncomingEvent.actionable(d.eventId(), "booking.scheduled", d.bookingId(), d.guestKey(), at, at,
                    d.body().getBytes(StandardCharsets.UTF_8))).get();
        }
        for (int round = 0; round < deliveries.size(); round++) {
            ClaimedBatch batch = db.inbox().claim(100, Duration.ofMinutes(5));
            if (batch.isEmpty()) {
                break;
            }
            Map<Long, Settlement> settlements = new HashMap<>();
            for (InboxEvent e : batch.events()) {
                settlements.put(e.id(), e.eventId().startsWith("dead")
                        ? new Settlement.Dead("REQUIRED_FIELD_MISSING: Company", "{\"actions\":[],\"rulesFired\":[\"mapping: x\"]}")
                        : new Settlement.Applied("00Q000000000001AAA", List.of("00U000000000001AAA"),
                                "{\"executable\":true,\"actions\":[{\"key\":\"person\"}],\"rulesFired\":[\"identification: y\"],\"fieldOrigins\":[]}"));
            }
            db.inbox().settle(batch, settlements);
        }
    }

    public record Delivery(String eventId, String bookingId, String guestKey, String body) {
        public static Delivery of(String eventId, String bookingId, String guestKey) {
            return new Delivery(eventId, bookingId, guestKey, "{\"id\":\"" + eventId + "\",\"type\":\"booking.scheduled\"}");
        }
    }
}
