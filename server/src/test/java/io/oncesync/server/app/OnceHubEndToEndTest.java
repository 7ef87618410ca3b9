package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.localoncehub.Webhook;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Local OnceHub → signed webhooks and API polls → oncesync → local org, with OnceHub's failure modes injected. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("End to end, OnceHub subscription and reconciliation")
class OnceHubEndToEndTest {
    private static final Instant START = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
    private OnceHubHarness h;

    @BeforeAll
    void start() throws Exception {
        h = OnceHubHarness.start();
    }

    @AfterEach
    void clearFaults() {
        h.hub.faults().clear();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("with 10% of deliveries dropped, every booking reaches Salesforce once within one poll interval")
    void droppedDeliveriesAreReconciled() throws Exception {
        h.hub.faults().dropPercent(10);
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bookings.add(h.book("drop" + i + "@drops.example", START.plus(Duration.ofHours(i))));
        }
        assertThat(h.hub.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
        assertThat(h.hub.state().path("deliveries").path("dropped").asInt()).as("deliveries dropped").isPositive();
        Map<String, List<SObject>> events = h.awaitEvents(bookings, OnceHubHarness.POLL.plus(Duration.ofSeconds(20)));
        for (String b : bookings) {
            assertThat(events.get(b)).as("Events of " + b).hasSize(1);
        }
    }

    @Test
    @DisplayName("duplicated and reordered deliveries of one booking leave one Event with the latest start time")
    void duplicatesAndReorderingApplyTheLatestState() throws Exception {
        h.hub.faults().duplicatePercent(100).reorderPercent(50).reorderHoldMillis(400);
        String booking = h.book("moves@reorder.example", START);
        Instant last = START;
        for (int i = 1; i <= 3; i++) {
            last = START.plus(Duration.ofDays(i));
            h.hub.simulator().reschedule(booking, last);
        }
        assertThat(h.hub.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
        Instant expected = last;
        Harness.awaitTrue(() -> {
            try {
                List<SObject> events = h.eventsByBooking().getOrDefault(booking, List.of());
                return events.size() == 1 && start(events.get(0)).equals(expected);
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), () -> "Events: " + describe(booking));
        Thread.sleep(OnceHubHarness.POLL.toMillis() + 500);
        List<SObject> events = h.eventsByBooking().get(booking);
        assertThat(events).hasSize(1);
        assertThat(start(events.get(0))).isEqualTo(expected);
    }

    @Test
    @DisplayName("a storm of 429s on the API is waited out with backoff and no booking is lost")
    void rateLimitStormLosesNothing() throws Exception {
        h.hub.faults().dropPercent(100);
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bookings.add(h.book("storm" + i + "@storm.example", START.plus(Duration.ofMinutes(30L * i))));
        }
        h.hub.faults().api429Next(5, 1);
        Map<String, List<SObject>> events = h.awaitEvents(bookings, Duration.ofSeconds(40));
        for (String b : bookings) {
            assertThat(events.get(b)).as("Events of " + b).hasSize(1);
        }
        assertThat(h.hub.state().path("faults").path("api429Next").asInt()).as("429s left unserved").isZero();
    }

    @Test
    @DisplayName("a deleted subscription is re-created, /ready and /metrics say so, and bookings made meanwhile arrive")
    void deletedSubscriptionIsRecreated() throws Exception {
        Webhook before = h.hub.webhooks().stream().filter(Webhook::active).findFirst().orElseThrow();
        assertThat(h.hub.deleteWebhook(before.id())).isTrue();
        String booking = h.book("gap@deleted.example", START.plus(Duration.ofDays(3)));
        Harness.awaitTrue(() -> h.hub.webhooks().stream().anyMatch(w -> w.active() && !w.id().equals(before.id())),
                Duration.ofSeconds(15), () -> "not re-created: " + h.hub.webhooks());
        Harness.awaitTrue(() -> {
            try {
                JsonNode r = h.readiness();
                return r.path("up").asBoolean() && r.path("detail").asText().contains("was missing");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20), () -> {
            try {
                return "/ready oncehub: " + h.readiness();
            } catch (Exception e) {
                return e.toString();
            }
        });
        assertThat(h.metrics()).contains("oncesync_oncehub_subscription_problems_total{problem=\"missing\"} 1.0");
        assertThat(h.awaitEvents(List.of(booking), Duration.ofSeconds(20)).get(booking)).hasSize(1);
    }

    @Test
    @DisplayName("a routing form submitted on the local OnceHub reaches Salesforce as the guest's Lead")
    void routingFormSubmission() throws Exception {
        h.hub.simulator().submitForm(new io.oncesync.localoncehub.Simulator.Guest("Rita Router", "rita@forms.example",
                null, "Forms Ltd"), "Contact us");
        Harness.awaitTrue(() -> {
            try {
                return !Harness.queryAll(h.sf(), "SELECT Id FROM Lead WHERE Email = 'rita@forms.example'").isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20), () -> "no Lead for the form's guest");
        assertThat(Harness.queryAll(h.sf(), "SELECT Id, Company FROM Lead WHERE Email = 'rita@forms.example'"))
                .singleElement().satisfies(l -> assertThat(Harness.text(l, "Company")).isEqualTo("Forms Ltd"));
    }

    private String describe(String booking) {
        try {
            return h.eventsByBooking().getOrDefault(booking, List.of()).stream().map(e -> e.getId() + "@" + start(e)).toList()
                    .toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static Instant start(SObject event) {
        Object v = event.getField("StartDateTime");
        if (v instanceof Calendar c) {
            return c.toInstant();
        }
        return Instant.parse(String.valueOf(v));
    }

    @Test
    @DisplayName("the shipped alert rules and Grafana dashboard query only series this server's /metrics exposes")
    void monitoringFilesMatchTheMetrics() throws Exception {
        Path monitoring = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("deploy/monitoring");
        List<String> expressions = new ArrayList<>();
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(monitoring.resolve("alerts.yaml").toFile());
        alerts.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            assertThat(r.path("alert").asText()).as("every rule has a name").isNotBlank();
            expressions.add(r.path("expr").asText());
        }));
        JsonNode dashboard = new ObjectMapper().readTree(monitoring.resolve("grafana-dashboard.json").toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(15).allSatisfy(e -> assertThat(e).isNotBlank());

        Set<String> exposed = new TreeSet<>();
        Matcher series = Pattern.compile("(?m)^(oncesync_\\w+)").matcher(h.metrics());
        while (series.find()) {
            exposed.add(series.group(1));
        }
        Set<String> queried = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = Pattern.compile("\\boncesync_\\w+").matcher(e);
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(queried);
    }
}
