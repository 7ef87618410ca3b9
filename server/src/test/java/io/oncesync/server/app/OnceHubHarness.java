package io.oncesync.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.RetrySchedule;
import io.oncesync.localoncehub.Simulator;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A local OnceHub, a local org and oncesync managing its own subscription (no ONCESYNC_WEBHOOK_SECRETS: only the
 * secret OnceHub returned), all over loopback HTTP. OnceHub's three-day give-up window runs in about two seconds.
 */
public final class OnceHubHarness implements AutoCloseable {
    /** OnceHub's schedule compressed so 72 hours pass in 2 seconds. */
    static final RetrySchedule FAST = RetrySchedule.ONCEHUB.compressed(Duration.ofHours(72).toSeconds() / 2.0);
    static final Duration POLL = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalOrg org;
    final LocalOnceHub hub;
    final Path dir;
    final int port;
    OncesyncApp app;
    private final Map<String, String> env;

    private OnceHubHarness(LocalOrg org, LocalOnceHub hub, Path dir, int port, Map<String, String> env) {
        this.org = org;
        this.hub = hub;
        this.dir = dir;
        this.port = port;
        this.env = env;
    }

    static OnceHubHarness start() throws Exception {
        Path dir = Files.createTempDirectory("oncesync-oncehub-");
        LocalOrg org = LocalOrg.builder().port(0).start();
        LocalOnceHub hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).retrySchedule(FAST).start();
        int port = freePort();
        Map<String, String> env = env(org, hub, dir, port);
        env.put(ConfigKey.ONCEHUB_WATCH_SECONDS.envName(), "1");
        env.put(ConfigKey.ONCEHUB_POLL_SECONDS.envName(), Long.toString(POLL.toSeconds()));
        OnceHubHarness h = new OnceHubHarness(org, hub, dir, port, env);
        try {
            h.startApp();
        } catch (Exception e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** serve's environment managing the subscription on {@code hub} (no configured webhook secret). */
    public static Map<String, String> env(LocalOrg org, LocalOnceHub hub, Path dir, int port) {
        Map<String, String> env = Harness.env(org, dir, port);
        env.remove(ConfigKey.WEBHOOK_SECRETS.envName());
        env.put(ConfigKey.PUBLIC_URL.envName(), "http://127.0.0.1:" + port);
        env.put(ConfigKey.ONCEHUB_API_URL.envName(), hub.apiUrl());
        env.put(ConfigKey.ONCEHUB_API_KEY.envName(), hub.apiKey());
        return env;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void startApp() throws Exception {
        app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE), Harness.testOptions());
        Harness.awaitTrue(() -> hub.webhooks().stream().anyMatch(w -> w.active() && w.url().endsWith(":" + port + "/webhooks/oncehub")),
                Duration.ofSeconds(20), () -> "no active subscription for port " + port + ": " + hub.webhooks());
    }

    void stopApp() {
        app.close();
        app = null;
    }

    String book(String email, Instant start) {
        return hub.simulator().book(new Simulator.Guest("Guest " + email.substring(0, email.indexOf('@')), email, null,
                "Acme"), "BKC-SALES00001", start, 30);
    }

    PartnerConnection sf() throws Exception {
        return Harness.salesforce(org);
    }

    /** Salesforce Events per OnceHub booking id (the Event's Description names its booking). */
    Map<String, List<SObject>> eventsByBooking() throws Exception {
        return Harness.queryAll(sf(), "SELECT Id, Description, StartDateTime FROM Event").stream()
                .filter(e -> Harness.text(e, "Description").contains("BKNG-"))
                .collect(Collectors.groupingBy(e -> bookingId(Harness.text(e, "Description"))));
    }

    private static String bookingId(String description) {
        int at = description.indexOf("BKNG-");
        int end = at;
        while (end < description.length() && (Character.isLetterOrDigit(description.charAt(end)) || description.charAt(end) == '-')) {
            end++;
        }
        return description.substring(at, end);
    }

    /** Waits until every booking has an Event; returns the Events per booking. */
    Map<String, List<SObject>> awaitEvents(List<String> bookingIds, Duration deadline) throws Exception {
        Harness.awaitTrue(() -> {
            try {
                return eventsByBooking().keySet().containsAll(bookingIds);
            } catch (Exception e) {
                return false;
            }
        }, deadline, () -> {
            try {
                return "bookings without an Event: " + bookingIds.stream().filter(b -> {
                    try {
                        return !eventsByBooking().containsKey(b);
                    } catch (Exception e) {
                        return true;
                    }
                }).toList() + "; local OnceHub deliveries: " + ((com.fasterxml.jackson.databind.node.ObjectNode) hub.state().path("deliveries")).put("recent", "(omitted)");
            } catch (Exception e) {
                return e.toString();
            }
        });
        return eventsByBooking();
    }

    /** The {@code oncehub} check of /ready. */
    JsonNode readiness() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/ready")).header("Authorization", "Bearer " + Harness.ADMIN_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("checks").path("oncehub");
    }

    String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            hub.close();
            org.close();
            Harness.deleteTree(dir);
        }
    }
}
