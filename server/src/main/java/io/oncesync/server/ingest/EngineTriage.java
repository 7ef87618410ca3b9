package io.oncesync.server.ingest;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.server.inbox.IncomingEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Triage by the rule engine's {@link WebhookParser}: accepted events are stored with their booking id, guest key
 * and {@code data.last_updated_time}; ignored ones are recorded; malformed ones name the JSON pointer and reason.
 * Invalid UTF-8 is caught first so the answer can name the byte offset.
 */
public final class EngineTriage implements EventTriage {
    private final WebhookParser parser = new WebhookParser();
    private final Clock clock;

    public EngineTriage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Triage triage(byte[] body) {
        Optional<String> utf8 = Utf8.firstError(body);
        if (utf8.isPresent()) {
            return new Triage.Malformed(utf8.get());
        }
        return parser.parse(body).fold(
                accepted -> new Triage.Store(actionable(accepted.event(), body)),
                ignored -> new Triage.Store(ignored(ignored, body)),
                malformed -> new Triage.Malformed(malformed.toString()));
    }

    private static IncomingEvent actionable(OnceHubEvent event, byte[] body) {
        Instant updated = event.data().lastUpdated();
        return IncomingEvent.actionable(event.id(), event.type().wireName(), event.bookingId().orElse(null),
                event.guestKey().orElse(null), updated != null ? updated : event.createdAt(), event.createdAt(), body);
    }

    private IncomingEvent ignored(ParseResult.Ignored ignored, byte[] body) {
        // Without an envelope id, the body's digest still makes a redelivery of the same bytes a duplicate.
        String id = ignored.eventId() != null && !ignored.eventId().isBlank() ? ignored.eventId() : "sha256:" + sha256(body);
        String type = ignored.type() != null && !ignored.type().isBlank() ? ignored.type() : "(no type)";
        Instant now = clock.instant();
        return new IncomingEvent(id, type, null, null, now, now, ignored.reason(), body);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
