package io.oncesync.server.app;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.Simulator;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.ReconcileReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciling N bookings that no webhook announced (every delivery dropped): the poll's time and OnceHub API calls,
 * then the time until all are applied and the Salesforce API calls per booking. The local OnceHub keeps OnceHub's
 * rate limits (5/s, 200 per 5 min per IP). Not a test: run it with
 * {@code mvn -q -pl server -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.oncesync.server.app.ReconcileBenchmark -Dexec.args=10000}.
 */
public final class ReconcileBenchmark {
    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path dir = Files.createTempDirectory("oncesync-reconcile-bench-");
        try (LocalOrg org = LocalOrg.builder().port(0).dailyApiLimit(10_000_000).start();
             LocalOnceHub hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).start()) {
            Map<String, String> env = OnceHubHarness.env(org, hub, dir, OnceHubHarness.freePort());
            env.put(ConfigKey.ONCEHUB_POLL_SECONDS.envName(), "86400");
            env.put(ConfigKey.ONCEHUB_WATCH_SECONDS.envName(), "86400");
            env.put(ConfigKey.BATCH_SIZE.envName(), "200");
            try (OncesyncApp app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE),
                    Harness.testOptions())) {
                OnceHubService oncehub = app.oncehub().orElseThrow();
                Harness.awaitTrue(() -> oncehub.reconciler().watermark().isPresent(), Duration.ofSeconds(30), () -> "no watermark");
                hub.faults().dropPercent(100);
                Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
                for (int i = 0; i < n; i++) {
                    hub.simulator().book(new Simulator.Guest("Bench Guest" + i, "bench" + i + "@bench.example", null, "Bench Co"),
                            "BKC-SALES00001", start.plus(Duration.ofMinutes(30L * i)), 30);
                }
                hub.awaitDeliveries(Duration.ofMinutes(1));
                long sfBefore = org.apiCallsUsed();
                long hubBefore = hub.apiCalls();
                long t0 = System.nanoTime();
                ReconcileReport report = oncehub.reconciler().reconcileSinceWatermark();
                long polled = System.nanoTime() - t0;
                Harness.awaitTrue(() -> app.inbox().countByStatus().entrySet().stream()
                        .filter(e -> e.getKey().isOpen()).mapToLong(Map.Entry::getValue).sum() == 0,
                        Duration.ofHours(1), () -> "still open: " + app.inbox().countByStatus());
                long applied = System.nanoTime() - t0;
                long sfCalls = org.apiCallsUsed() - sfBefore;
                long hubCalls = hub.apiCalls() - hubBefore;
                Map<InboxStatus, Long> counts = app.inbox().countByStatus();
                System.out.println("measure | result");
                System.out.println("---|---");
                System.out.printf("bookings reconciled (no webhook delivered) | %,d (%s)%n", n, counts);
                System.out.printf("poll: pages, OnceHub API calls | %d pages, %d calls (%.4f per booking)%n", report.pages(),
                        hubCalls, hubCalls / (double) n);
                System.out.printf("poll: time to fetch and queue all | %.1f s%n", polled / 1e9);
                System.out.printf("poll → all applied in Salesforce | %.1f s (%.0f bookings/s)%n", applied / 1e9,
                        n / (applied / 1e9));
                System.out.printf("Salesforce API calls | %,d (%.3f per booking)%n", sfCalls, sfCalls / (double) n);
                System.out.println(report.summary());
            }
        } finally {
            Harness.deleteTree(dir);
        }
    }
}
