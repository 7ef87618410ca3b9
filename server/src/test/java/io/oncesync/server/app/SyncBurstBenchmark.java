package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.localorg.SoapTraffic;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end sync benchmark (a main, not a test): for each injected Salesforce latency, a fresh local org and a fresh
 * oncesync started as {@code serve} starts it (the configuration from the environment map, default options, SQLite
 * inbox in a temp directory, client-credentials connect), then
 * <ol>
 *   <li>a single new-guest booking at idle, three times after one warm-up booking: from the moment the client starts
 *       sending until the inbox records it applied;</li>
 *   <li>a burst of {@code bookings} new bookings by {@code guests} distinct new guests from {@code connections}
 *       client threads: drain rate (bookings / time from the first send to the last event applied), sync latency per
 *       event (accepted → applied) p50 and p99, Salesforce calls per booking (the org's API counter), and the average
 *       number of calls in flight (the org's busy time / the drain time).</li>
 * </ol>
 * Arguments (all optional): latencies in ms, comma-separated (0,50,150,300); bookings (2000); guests (500);
 * connections (16). Extra {@code ONCESYNC_*} variables of this process's environment are passed on (e.g.
 * ONCESYNC_WORKERS, ONCESYNC_SF_MAX_CONCURRENT_CALLS).
 */
public final class SyncBurstBenchmark {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final AtomicInteger RUN = new AtomicInteger();

    record Burst(int bookings, double intakePerSecond, double drainPerSecond, double p50Seconds, double p99Seconds, double callsPerBooking,
                 double averageInFlight, int peakInFlight, long notApplied, long people) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> latencies = args.length > 0 ? Arrays.stream(args[0].split(",")).map(String::strip).map(Long::parseLong).toList()
                : List.of(0L, 50L, 150L, 300L);
        int bookings = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int guests = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        System.out.printf("sync burst: %d bookings, %d guests, %d connections; %d cores%n", bookings, guests, connections,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| latency | webhooks accepted | drain | sync p50 | sync p99 | calls/booking | avg calls in flight (peak) "
                + "| single new-guest booking at idle | not applied | people | load average |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (long latency : latencies) {
            run(latency, bookings, guests, connections);
        }
    }

    private static void run(long latencyMillis, int bookings, int guests, int connections) throws Exception {
        Path dir = Files.createTempDirectory("oncesync-bench-");
        String tag = "R" + RUN.incrementAndGet() + "L" + latencyMillis;
        try (LocalOrg org = LocalOrg.builder().port(0).dailyApiLimit(1_000_000).start()) {
            Map<String, String> env = Harness.env(org, dir, 0);
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("ONCESYNC_") && !env.containsKey(k)) {
                    env.put(k, v);
                }
            });
            org.faults().latency(Duration.ofMillis(latencyMillis));
            OncesyncApp app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE),
                    OncesyncApp.Options.defaults());
            try {
                WebhookClient client = new WebhookClient("http://127.0.0.1:" + app.port(),
                        new io.oncesync.server.ingest.WebhookSecret(Harness.SECRET), java.time.Clock.systemUTC());
                single(app, client, tag + "-warm");
                List<Double> singles = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    singles.add(single(app, client, tag + "-single" + i));
                }
                singles.sort(Double::compare);
                Burst b = burst(app, org, client, tag, bookings, guests, connections);
                double load = loadAverage();
                System.out.printf("| %d ms | %.0f/s | %.0f bookings/s | %.2f s | %.2f s | %.3f | %.1f (%d) | %.2f s (%.2f–%.2f) | %d | %d | %.1f |%n",
                        latencyMillis, b.intakePerSecond(), b.drainPerSecond(), b.p50Seconds(), b.p99Seconds(), b.callsPerBooking(),
                        b.averageInFlight(), b.peakInFlight(), singles.get(1), singles.get(0), singles.get(2),
                        b.notApplied(), b.people(), load);
            } finally {
                app.close();
            }
        } finally {
            Harness.deleteTree(dir);
        }
    }

    /** Seconds from starting to send one new guest's booking until the inbox has it applied. */
    private static double single(OncesyncApp app, WebhookClient client, String tag) throws Exception {
        String eventId = "EVNT-" + tag;
        byte[] body = Payloads.booking(eventId, "booking.scheduled", "BKNG-" + tag, tag.toLowerCase() + "@single.example",
                "Single", "Guest", T0, T0.plus(Duration.ofDays(3)));
        long sent = System.currentTimeMillis();
        if (!client.send(body).acknowledged()) {
            throw new IllegalStateException("the single booking was not acknowledged");
        }
        InboxEntry entry = awaitFinished(app, eventId, Duration.ofMinutes(2));
        if (entry.status() != InboxStatus.APPLIED) {
            throw new IllegalStateException("the single booking was not applied: " + entry);
        }
        return (entry.finishedAt().toEpochMilli() - sent) / 1000.0;
    }

    private static Burst burst(OncesyncApp app, LocalOrg org, WebhookClient client, String tag, int bookings, int guests,
                               int connections) throws Exception {
        List<String> ids = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < bookings; i++) {
            int guest = i % guests;
            String eventId = "EVNT-" + tag + "-" + i;
            ids.add(eventId);
            bodies.add(Payloads.booking(eventId, "booking.scheduled", "BKNG-" + tag + "-" + i,
                    "guest" + guest + "." + tag.toLowerCase() + "@burst.example", "Guest", "Number" + guest,
                    T0.plusSeconds(i), T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(i))));
        }
        long callsBefore = org.apiCallsUsed();
        SoapTraffic.Reading trafficBefore = org.traffic().read();
        org.traffic().resetPeak();
        AtomicInteger next = new AtomicInteger();
        Sampler sampler = System.getenv("BENCH_PROFILE") == null ? null : Sampler.start();
        long start = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            senders.add(pool.submit(() -> {
                int refused = 0;
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    if (!client.send(bodies.get(i)).acknowledged()) {
                        refused++;
                    }
                }
                return refused;
            }));
        }
        int refused = 0;
        for (Future<Integer> f : senders) {
            refused += f.get();
        }
        pool.shutdown();
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        if (refused > 0) {
            throw new IllegalStateException(refused + " webhooks were not acknowledged");
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (app.inbox().countByStatus().entrySet().stream().anyMatch(e -> e.getKey().isOpen() && e.getValue() > 0)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the burst did not drain within 10 minutes: " + app.inbox().countByStatus());
            }
            Thread.sleep(20);
        }
        long drainNanos = System.nanoTime() - startNanos;
        if (sampler != null) {
            sampler.stopAndPrint();
        }
        SoapTraffic.Reading traffic = org.traffic().read().minus(trafficBefore);
        long calls = org.apiCallsUsed() - callsBefore;
        List<InboxEntry> entries = ids.stream().map(id -> app.inbox().findByEventId(id).orElseThrow()).toList();
        long lastFinished = entries.stream().mapToLong(e -> e.finishedAt().toEpochMilli()).max().orElse(start);
        long notApplied = entries.stream().filter(e -> e.status() != InboxStatus.APPLIED).count();
        double[] latencies = entries.stream()
                .mapToDouble(e -> (e.finishedAt().toEpochMilli() - e.receivedAt().toEpochMilli()) / 1000.0).sorted().toArray();
        long people = entries.stream().map(InboxEntry::personId).filter(java.util.Objects::nonNull).distinct().count();
        double drainSeconds = Math.max(0.001, (lastFinished - start) / 1000.0);
        return new Burst(bookings, bookings / sendSeconds, bookings / drainSeconds, percentile(latencies, 50), percentile(latencies, 99),
                (double) calls / bookings, traffic.averageInFlight(drainNanos), traffic.peakInFlight(), notApplied, people);
    }

    private static InboxEntry awaitFinished(OncesyncApp app, String eventId, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Optional<InboxEntry> e = app.inbox().findByEventId(eventId);
            if (e.isPresent() && !e.get().status().isOpen()) {
                return e.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(eventId + " not finished within " + within + ": " + e);
            }
            Thread.sleep(5);
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** With BENCH_PROFILE set: where the worker threads spend the burst (sampled stacks, innermost oncesync frame). */
    private static final class Sampler implements Runnable {
        private final Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        static Sampler start() {
            Sampler s = new Sampler();
            s.thread = new Thread(s, "bench-sampler");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        @Override
        public void run() {
            while (running) {
                for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                    String name = e.getKey().getName();
                    if (e.getKey().getState() != Thread.State.RUNNABLE || name.startsWith("bench-sampler")) {
                        continue;
                    }
                    StackTraceElement[] st = e.getValue();
                    String where = "?";
                    String top = st.length > 0 ? st[0].getClassName().replaceAll(".*\\.", "") + "." + st[0].getMethodName() : "?";
                    int depth = 0;
                    for (StackTraceElement f : st) {
                        if (f.getClassName().startsWith("io.oncesync") && depth++ < 3) {
                            String frame = f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName() + ":" + f.getLineNumber();
                            where = depth == 1 ? frame : where + " < " + frame;
                        }
                    }
                    counts.merge(name.replaceAll("-[0-9]+$", "") + " " + where + " <- " + top, 1, Integer::sum);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }

        void stopAndPrint() {
            running = false;
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                    .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        }
    }
}
