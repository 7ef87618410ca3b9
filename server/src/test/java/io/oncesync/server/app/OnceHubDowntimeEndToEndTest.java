package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.localoncehub.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("End to end, oncesync down longer than OnceHub's give-up window")
class OnceHubDowntimeEndToEndTest {
    private static final Instant START = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);

    @Test
    @DisplayName("the disabled subscription is re-created on restart and every missed booking reaches Salesforce exactly once")
    void restartAfterGiveUp() throws Exception {
        try (OnceHubHarness h = OnceHubHarness.start()) {
            String before = h.book("before@downtime.example", START);
            h.awaitEvents(List.of(before), Duration.ofSeconds(20));
            Webhook first = h.hub.webhooks().get(0);

            h.stopApp();
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                missed.add(h.book("missed" + i + "@downtime.example", START.plus(Duration.ofHours(i + 1))));
            }
            Instant moved = START.plus(Duration.ofDays(2));
            h.hub.simulator().reschedule(before, moved);
            String canceled = h.book("canceled@downtime.example", START.plus(Duration.ofHours(9)));
            h.hub.simulator().cancel(canceled, "Changed my mind");
            Harness.awaitTrue(() -> !first.active(), Duration.ofSeconds(20), () -> "still active: " + h.hub.state());
            assertThat(h.hub.awaitDeliveries(Duration.ofSeconds(10))).isTrue();

            h.startApp();
            List<String> all = new ArrayList<>(missed);
            all.add(before);
            Map<String, List<SObject>> events = h.awaitEvents(all, Duration.ofSeconds(30));
            Harness.awaitTrue(() -> {
                try {
                    return OnceHubEndToEndTest.start(h.eventsByBooking().get(before).get(0)).equals(moved);
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(20), () -> "the rescheduled booking was not moved");
            Thread.sleep(OnceHubHarness.POLL.toMillis() + 500);
            events = h.eventsByBooking();
            for (String b : all) {
                assertThat(events.get(b)).as("Events of " + b).hasSize(1);
            }
            // Booked and cancelled while oncesync was down: only the cancelled state is fetched, so no meeting.
            assertThat(events.get(canceled)).as("Events of the booking cancelled meanwhile").isNull();
            assertThat(h.app.inbox().findByEventId("poll:" + canceled + "@"
                    + h.hub.booking(canceled).orElseThrow().path("last_updated_time").asText())).isPresent();
            assertThat(h.hub.webhooks()).filteredOn(Webhook::active).hasSize(1)
                    .allSatisfy(w -> assertThat(w.id()).isNotEqualTo(first.id()));
            JsonNode ready = h.readiness();
            assertThat(ready.path("up").asBoolean()).isTrue();
            assertThat(ready.path("detail").asText()).contains("was disabled");
        }
    }
}
