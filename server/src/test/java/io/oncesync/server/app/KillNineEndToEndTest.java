package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.ingest.WebhookSecret;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code oncesync serve} as a child JVM, killed with {@code kill -9} in the middle of a burst of 1,000 signed webhooks,
 * then restarted on the same data directory: every acknowledged event ends up in Salesforce exactly once.
 */
@DisplayName("End to end, kill -9")
class KillNineEndToEndTest {
    private static final int BOOKINGS = 1000;
    private static final int GUESTS = 250;
    private static final int FIRST_PART = 300;
    private static final int KILL_AFTER_ACKS = 600;
    private static final Instant T0 = Instant.parse("2026-11-04T10:00:00Z");

    private LocalOrg org;
    private Path dir;
    private int port;
    private Process server;

    @BeforeEach
    void start() throws IOException {
        org = LocalOrg.builder().port(0).start();
        dir = Files.createTempDirectory("oncesync-kill9-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        org.close();
        Harness.deleteTree(dir);
    }

    @Test
    @DisplayName("every event that got a 2xx is in Salesforce exactly once after kill -9 and a restart; no duplicate person or Event")
    void killNineDuringBurst() throws Exception {
        long t0 = System.nanoTime();
        server = startServer("run1");
        long started = System.nanoTime();
        WebhookClient client = new WebhookClient("http://127.0.0.1:" + port, new WebhookSecret(Harness.SECRET), Clock.systemUTC());
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            bodies.add(Payloads.booking(eventId(i), "booking.scheduled", bookingId(i), "guest" + (i % GUESTS) + "@kill.example",
                    "Kim", "Guest" + (i % GUESTS), T0.plusSeconds(i), T0.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(15L * i))));
        }
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        org.faults().latency(Duration.ofMillis(20));
        long callsAtStart = org.apiCallsUsed();
        // The first part of the burst; then, once the workers are busy writing to Salesforce, the rest, and the
        // kill in the middle of it. "Busy" is a few batches' calls: the pipeline needs only about 0.07 calls per
        // booking, so the 300 bookings of the first part may take fewer than 25 calls in all when batches fill up.
        burst(client, bodies, 0, FIRST_PART, acknowledged, killed, Integer.MAX_VALUE);
        Harness.awaitTrue(() -> org.apiCallsUsed() >= callsAtStart + 10, Duration.ofSeconds(60),
                () -> "the workers made no Salesforce calls");
        burst(client, bodies, FIRST_PART, BOOKINGS, acknowledged, killed, KILL_AFTER_ACKS);
        assertThat(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(killed).isTrue();
        int ackedBeforeKill = acknowledged.size();
        long killedAt = System.nanoTime();

        org.faults().clear();
        server = startServer("run2");
        // OnceHub retries what was not acknowledged; what was acknowledged must come back as a duplicate: it was durable.
        Set<Integer> ackedInRun1 = Set.copyOf(acknowledged);
        Map<Integer, WebhookClient.Answer> answers = new ConcurrentHashMap<>();
        ExecutorService resend = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < BOOKINGS; i++) {
                int n = i;
                sends.add(resend.submit(() -> answers.put(n, client.send(bodies.get(n)))));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            resend.shutdown();
        }
        answers.forEach((i, a) -> {
            assertThat(a.status()).as("delivery of %s after the restart", eventId(i)).isEqualTo(200);
            if (ackedInRun1.contains(i)) {
                assertThat(a.body()).as("%s was acknowledged before the kill", eventId(i)).contains("duplicate");
            }
            acknowledged.add(i);
        });
        assertThat(acknowledged).hasSize(BOOKINGS);
        long resent = System.nanoTime();
        Harness.awaitTrue(() -> backlog() == 0, Duration.ofSeconds(120), () -> "backlog " + backlog());
        long drained = System.nanoTime();
        System.out.printf("kill -9 test: start %d ms, burst until kill %d ms (%d acknowledged), restart and resend %d ms,"
                + " drain %d ms; recovered meetings in run 2: %d%n", (started - t0) / 1_000_000, (killedAt - started) / 1_000_000,
                ackedBeforeKill, (resent - killedAt) / 1_000_000, (drained - resent) / 1_000_000,
                Files.readAllLines(dir.resolve("run2.log")).stream().filter(l -> l.contains("made by an earlier attempt")).count());

        PartnerConnection sf = Harness.salesforce(org);
        List<SObject> events = Harness.queryAll(sf, "SELECT Id, WhoId, Description FROM Event");
        Map<String, Long> perBooking = events.stream().map(e -> Harness.text(e, "Description"))
                .map(d -> d.replaceAll("(?s).*(BKNG-K[0-9]{4}).*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perBooking).as("bookings with an Event (acknowledged before the kill: %d)", ackedBeforeKill).hasSize(BOOKINGS);
        assertThat(perBooking.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("bookings with more than one Event").isEmpty();
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id, Email FROM Lead");
        Map<String, Long> perEmail = leads.stream().collect(Collectors.groupingBy(l -> Harness.text(l, "Email"), Collectors.counting()));
        assertThat(perEmail).hasSize(GUESTS);
        assertThat(perEmail.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("guests with more than one Lead").isEmpty();
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Contact WHERE Email LIKE '%@kill.example'")).isEmpty();
        assertThat(ready()).contains("0 dead");

        // SIGTERM: a graceful stop (no new webhooks, in-flight work finished or released).
        server.destroy();
        assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("run2.log"))).contains("shutting down").contains("stopped");
    }

    /** Sends bodies [from, to) from 16 threads; kills the server once {@code killAfter} events are acknowledged. */
    private void burst(WebhookClient client, List<byte[]> bodies, int from, int to, Set<Integer> acknowledged,
                       AtomicBoolean killed, int killAfter) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                senders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to && !killed.get(); i = next.getAndIncrement()) {
                        try {
                            if (client.send(bodies.get(i)).acknowledged()) {
                                acknowledged.add(i);
                            }
                        } catch (IOException refusedOrReset) {
                            // not acknowledged: OnceHub would retry it
                        }
                        if (acknowledged.size() >= killAfter && killed.compareAndSet(false, true)) {
                            server.destroyForcibly();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String eventId(int i) {
        return "EVNT-K" + String.format("%04d", i);
    }

    private static String bookingId(int i) {
        return "BKNG-K" + String.format("%04d", i);
    }

    private Process startServer(String name) throws Exception {
        File log = dir.resolve(name + ".log").toFile();
        Process p = Harness.launchServe(Harness.env(org, dir, port), log, "-Xmx384m");
        Harness.awaitTrue(() -> !p.isAlive() || Harness.status(port, "/health") == 200, Duration.ofSeconds(60),
                () -> "server did not start");
        if (!p.isAlive()) {
            throw new AssertionError("the server exited with " + p.exitValue() + ": " + Files.readString(log.toPath()));
        }
        return p;
    }

    private String ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .header("Authorization", "Bearer " + Harness.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double backlog() {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("oncesync_backlog ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                    .findFirst().orElse(-1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }
}
