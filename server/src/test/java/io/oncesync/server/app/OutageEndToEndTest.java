package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** HTTP → inbox → rules → gateway → local org while Salesforce is down, slow or out of API calls. */
@DisplayName("End to end, Salesforce unavailable")
class OutageEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private Harness h;
    private PartnerConnection sf;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start();
        sf = h.sf();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("a 30-second outage (15 s of HTML 503s, then 15 s of dropped connections and slow answers) with"
            + " deliveries throughout pauses the pipeline; afterwards the backlog drains and nothing is lost")
    void outageThenDrain() throws Exception {
        Instant outageStart = Instant.now();
        h.org.faults().html503Next(1_000_000);
        List<String> ids = new ArrayList<>(send("OUT", 0, 20));
        awaitPauseCycles(2, "unreachable");
        sleepUntil(outageStart.plusSeconds(15));
        h.org.faults().clear().dropConnectionsNext(1_000_000).latency(Duration.ofMillis(100));
        ids.addAll(send("OUT", 20, 20));
        awaitPauseCycles(2, "unreachable");
        sleepUntil(outageStart.plusSeconds(30));
        assertThat(ids).allSatisfy(id -> assertThat(h.app.inbox().findByEventId(id).orElseThrow().status().isOpen())
                .as("%s is still waiting after 30 s of outage", id).isTrue());
        h.org.faults().clear();
        assertAllAppliedOnce(ids, "OUT");
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    @Test
    @DisplayName("an exhausted API allowance pauses the pipeline until Salesforce takes calls again; then the backlog drains")
    void exhaustedApiLimit() throws Exception {
        h.org.faults().exhaustApiLimit();
        List<String> ids = send("LIM", 0, 40);
        awaitPauseCycles(1, "limit");
        assertThat(readyStatus()).as("a Salesforce pause does not stop webhooks from being accepted").isEqualTo(200);
        h.org.faults().clear();
        assertAllAppliedOnce(ids, "LIM");
        Harness.awaitTrue(() -> readyStatus() == 200, Duration.ofSeconds(30), () -> "/ready did not come back");
        String metrics = h.app.metrics().scrape();
        assertThat(metrics).contains("oncesync_salesforce_api_calls_total");
        assertThat(metrics.lines().filter(l -> l.startsWith("oncesync_salesforce_api_calls_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).isPositive();
    }

    private int readyStatus() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + h.app.port() + "/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            return -1;
        }
    }

    private List<String> send(String tag, int from, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String id = "EVNT-" + tag + String.format("%04d", i);
            ids.add(id);
            byte[] body = Payloads.booking(id, "booking.scheduled", "BKNG-" + tag + String.format("%04d", i),
                    tag.toLowerCase() + i + "@outage.example", "Olga", tag + i, T0.plusSeconds(i), T0.plus(Duration.ofDays(3)).plusSeconds(i * 1800L));
            assertThat(h.client.send(body).status()).as("acknowledged while Salesforce is down").isEqualTo(200);
        }
        return ids;
    }

    /** Sees the pipeline pause and resume {@code cycles} times: it pauses, it does not spin, it comes back by itself. */
    private void awaitPauseCycles(int cycles, String reason) throws InterruptedException {
        for (int i = 0; i < cycles; i++) {
            Harness.awaitTrue(() -> h.app.workers().state().paused()
                    && String.valueOf(h.app.workers().state().pauseReason()).toLowerCase().contains(reason),
                    Duration.ofSeconds(30), () -> "pipeline state " + h.app.workers().state());
            Instant until = h.app.workers().state().pausedUntil();
            // Resumed by itself: either running again or paused anew after another attempt (a later pausedUntil).
            Harness.awaitTrue(() -> {
                Instant now = h.app.workers().state().pausedUntil();
                return now == null || !now.equals(until);
            }, Duration.ofSeconds(30), () -> "pipeline did not resume by itself: " + h.app.workers().state());
        }
    }

    private void assertAllAppliedOnce(List<String> ids, String tag) throws Exception {
        Map<String, InboxEntry> entries = h.awaitSettled(ids, Duration.ofSeconds(60));
        assertThat(entries.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id, Email FROM Lead WHERE Email LIKE '" + tag.toLowerCase() + "%'");
        assertThat(leads).hasSize(ids.size());
        assertThat(leads.stream().map(l -> Harness.text(l, "Email")).distinct()).hasSize(ids.size());
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, Description FROM Event");
        Map<String, Long> perBooking = events.stream().map(e -> Harness.text(e, "Description"))
                .filter(d -> d.contains("BKNG-" + tag)).map(d -> d.replaceAll("(?s).*(BKNG-" + tag + "[0-9]+).*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perBooking).hasSize(ids.size());
        assertThat(perBooking.values()).containsOnly(1L);
    }
}
