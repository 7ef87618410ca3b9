package io.oncesync.server.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.Simulator;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.ingest.EngineTriage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("Reconciliation and a booking the OnceHub API returns that cannot be read")
class ReconcileUnreadableTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the readable bookings are queued; the unreadable one is counted apart from 'skipped', logged by id with the reason, and in the metric")
    void unreadableBookingIsNamedNotSilentlySkipped() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(Reconciler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (LocalOnceHub hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).rateLimits(0, 0).start();
             InboxDatabase db = InboxDatabase.sqlite(dir, InboxOptions.defaults())) {
            Instant since = Instant.now().minus(Duration.ofMinutes(1));
            String calendar = hub.bookingCalendars().keySet().iterator().next();
            Instant start = Instant.now().plus(Duration.ofDays(3));
            String good = hub.simulator().book(new Simulator.Guest("Ada Good", "ada@good.example", null, "Good"),
                    calendar, start, 30);
            String bad = hub.simulator().book(new Simulator.Guest("Bo Bad", "bo@bad.example", null, "Bad"),
                    calendar, start, 30);
            hub.simulator().alterSilently(bad, b -> b.putObject("starting_time").put("at", 1));
            OnceHubClient client = new OnceHubClient(hub.apiUrl(), () -> Secret.of(hub.apiKey()), 100, Duration.ofMillis(1));
            Reconciler reconciler = new Reconciler(client, db.inbox(), db.ledger(), db.watermarks(),
                    new EngineTriage(Clock.systemUTC()), Clock.systemUTC());

            ReconcileReport report = reconciler.reconcile(since, (seen, reached) -> { });

            assertThat(report.seen()).isEqualTo(2);
            assertThat(report.queued()).isEqualTo(1);
            assertThat(report.unreadable()).isEqualTo(1);
            assertThat(report.skipped()).isZero();
            assertThat(report.summary()).contains("1 unreadable");
            assertThat(reconciler.unreadableTotal()).isEqualTo(1);
            assertThat(db.inbox().findByEventId(SyntheticEvents.ID_PREFIX + good + "@"
                    + hub.booking(good).orElseThrow().path("last_updated_time").asText())).isPresent();
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel().toString()).isEqualTo("WARN");
                assertThat(e.getFormattedMessage()).contains(bad).contains("cannot be read").contains("/data/starting_time");
            });
        } finally {
            log.detachAppender(logged);
        }
    }
}
