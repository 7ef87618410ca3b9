package io.oncesync.server.app;

import io.oncesync.server.config.ConfigKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Load benchmark (a main, not a test): throughput of 1, 2 and 3 {@code serve} instances on one PostgreSQL behind the
 * round-robin proxy, with the local org answering every call after {@code latencyMs}. Each run sends {@code events}
 * signed webhooks (distinct bookings, two bookings per guest) from 16 threads and reports events applied per second
 * from the first send until the inbox is empty; then it kills one instance (SIGKILL) while it holds claims and reports
 * how long until every event it held was claimed by another.
 *
 * <p>Arguments (all optional): events (2000), latency ms (150), instance counts (1,2,3), instance timeout s (10),
 * worker threads per instance (4), batch size (50).
 */
public final class SeveralInstancesBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-04T10:00:00Z");

    private SeveralInstancesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        String[] counts = (args.length > 2 ? args[2] : "1,2,3").split(",");
        int timeout = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Map<String, String> env = Map.of(ConfigKey.WORKERS.envName(), args.length > 4 ? args[4] : "4",
                ConfigKey.BATCH_SIZE.envName(), args.length > 5 ? args[5] : "50");
        System.out.println("per instance: " + env);
        for (String n : counts) {
            run(Integer.parseInt(n.trim()), events, latencyMs, timeout, env);
        }
        System.exit(0);
    }

    private static void run(int instances, int events, int latencyMs, int timeout, Map<String, String> env)
            throws Exception {
        try (ServeCluster cluster = new ServeCluster(instances, timeout, env)) {
            cluster.startAll();
            cluster.org.faults().latency(Duration.ofMillis(latencyMs));
            long start = System.nanoTime();
            send(cluster, events, "R" + instances);
            long sent = System.nanoTime();
            Harness.awaitTrue(() -> cluster.open() == 0, Duration.ofMinutes(30), () -> "open " + cluster.open());
            long done = System.nanoTime();
            double seconds = (done - start) / 1e9;
            System.out.printf("%d instance(s), %d events, org latency %d ms: accepted in %.1f s, all applied after %.1f s"
                    + " = %.1f events/s; %d Salesforce API calls; load average %s%n", instances, events, latencyMs,
                    (sent - start) / 1e9, seconds, events / seconds, cluster.org.apiCallsUsed(), loadAverage());
            if (instances > 1) {
                measureTakeover(cluster, events, timeout);
            }
        }
    }

    /** Sends a second burst, kills instance 0 while it holds claims, and times until they are all claimed again. */
    private static void measureTakeover(ServeCluster cluster, int events, int timeout) throws Exception {
        Thread burst = new Thread(() -> {
            try {
                send(cluster, events / 2, "K");
            } catch (Exception e) {
                // the kill breaks some deliveries; irrelevant here
            }
        });
        burst.start();
        long pid = cluster.process(0).pid();
        String held = "status = 'PROCESSING' AND claimed_by LIKE '%:" + pid + ":%'";
        Harness.awaitTrue(() -> count(cluster, held) > 0, Duration.ofMinutes(2), () -> "instance 0 never held claims");
        cluster.kill(0);
        long killed = System.nanoTime();
        long heldAtKill = count(cluster, held);
        Harness.awaitTrue(() -> count(cluster, held) == 0, Duration.ofMinutes(5), () -> "claims of the dead instance remain");
        System.out.printf("  SIGKILL of an instance holding %d claimed events: all claimed by another instance %d ms"
                + " later (instance timeout %d s)%n", heldAtKill, (System.nanoTime() - killed) / 1_000_000, timeout);
        burst.join();
    }

    private static long count(ServeCluster cluster, String where) {
        try {
            return cluster.count(where);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void send(ServeCluster cluster, int events, String tag) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            bodies.add(Payloads.booking("EVNT-" + tag + "-" + i, "booking.scheduled", "BKNG-" + tag + "-" + i,
                    "g" + (i / 2) + "@" + tag.toLowerCase() + ".bench.example", "Bea", "Bench" + i,
                    T0.plusSeconds(i), T0.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(15L * i))));
        }
        cluster.sendUntilAcknowledged(bodies, ConcurrentHashMap.newKeySet(), acks -> { });
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
