package io.oncesync.server.ingest;

import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.work.Outcome;
import io.oncesync.server.work.WorkerSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Load benchmark (a main, not a test): in one run, a no-op Vert.x endpoint and the real webhook endpoint with durable
 * commit (SQLite, WAL, synchronous=FULL, workers applying with a no-op processor), both on loopback, both hit by the
 * same closed-loop generator (a Vert.x HTTP client keeping {@code connections} requests in flight). Reports accepted
 * requests per second and latency percentiles.
 *
 * <p>Arguments (all optional): connections (64), warm-up seconds (5), measured seconds (15), event loops (2),
 * {@code workers|no-workers}, durability ({@code POWER_LOSS} = fsync per commit, or {@code PROCESS_CRASH}).
 */
public final class IngestBenchmark {
    private static final WebhookSecret SECRET = new WebhookSecret("benchmark-secret-0123456789");

    /**
     * @param cpuMicrosPerRequest CPU time of the whole JVM (servers, workers and load generator) per accepted
     *                            request: unlike req/s, hardly affected by other processes competing for the cores
     */
    record Result(String name, long ok, long failed, double seconds, long[] latenciesMicros, double cpuMicrosPerRequest) {
        double perSecond() {
            return ok / seconds;
        }

        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, Math.min(i, latenciesMicros.length - 1))];
        }

        String line() {
            return String.format("%-26s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  "
                            + "CPU %5.0f us/req  (%d ok, %d failed)", name, perSecond(), percentile(50) / 1000.0,
                    percentile(99) / 1000.0, percentile(99.9) / 1000.0, percentile(100) / 1000.0, cpuMicrosPerRequest,
                    ok, failed);
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int eventLoops = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean workersRun = args.length <= 4 || !args[4].equals("no-workers");
        InboxOptions.Durability durability = args.length > 5 ? InboxOptions.Durability.valueOf(args[5])
                : InboxOptions.Durability.POWER_LOSS;
        Path dataDir = Files.createTempDirectory("oncesync-bench");

        Vertx noopVertx = Vertx.vertx();
        Router noopRouter = Router.router(noopVertx);
        noopRouter.post("/noop").handler(BodyHandler.create(false).setBodyLimit(WebhookSettings.DEFAULT_BODY_LIMIT))
                .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}"));
        HttpServer noop = noopVertx.createHttpServer().requestHandler(noopRouter).listen(0, "127.0.0.1").await();

        InboxDatabase db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults().withDurability(durability));
        IngestServer ingest = IngestServer.start(IngestServer.Settings.of(WebhookSettings.of(SECRET))
                .withEventLoops(eventLoops).withWorkers(WorkerSettings.defaults()), db,
                batch -> batch.stream().collect(Collectors.toMap(e -> e.id(), e -> workersRun
                        ? Outcome.applied(null, List.of(), null)
                        : Outcome.pause(Instant.now().plus(Duration.ofDays(1)), "benchmark without workers"))));

        Vertx clientVertx = Vertx.vertx();
        HttpClientAgent client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        try {
            System.out.printf("oncesync ingest benchmark: %d connections, %d s warm-up, %d s measured, %d event loops, "
                    + "%d cores, workers %s, durability %s%n", connections, warmup, measured, eventLoops,
                    Runtime.getRuntime().availableProcessors(), workersRun ? "on" : "off", durability);
            run(client, "warm-up no-op", noop.actualPort(), "/noop", connections, warmup, "warm-noop");
            Result noopResult = run(client, "no-op Vert.x endpoint", noop.actualPort(), "/noop", connections, measured, "noop");
            run(client, "warm-up webhook", ingest.port(), WebhookRoutes.PATH, connections, warmup, "warm-hook");
            Result hookResult = run(client, "webhook + durable commit", ingest.port(), WebhookRoutes.PATH, connections,
                    measured, "hook");
            System.out.println(noopResult.line());
            System.out.println(hookResult.line());
            System.out.printf("webhook/no-op throughput: %.0f%%%n", 100.0 * hookResult.perSecond() / noopResult.perSecond());
            System.out.println("inbox after the run: " + db.inbox().countByStatus());
            if (db.inbox().countByStatus().get(InboxStatus.DEAD) > 0) {
                System.out.println("unexpected dead letters");
            }
        } finally {
            client.close().await();
            clientVertx.close().await();
            ingest.close();
            db.close();
            noopVertx.close().await();
        }
    }

    /** Keeps {@code connections} signed webhook posts in flight for {@code seconds}; each body is a new event. */
    private static Result run(HttpClientAgent client, String name, int port, String path, int connections, int seconds,
                              String idPrefix) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (int c = 0; c < connections; c++) {
            latencies[c] = new long[1 << 16];
            int slot = c;
            next(client, port, path, idPrefix, end, sequence, latencies, counts, slot, ok, failed, done);
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double cpuPerRequest = (processCpuNanos() - cpuStart) / 1000.0 / Math.max(1, ok.get());
        Result result = new Result(name, ok.get(), failed.get(), elapsed, all, cpuPerRequest);
        System.out.println("  " + result.line());
        return result;
    }

    private static void next(HttpClientAgent client, int port, String path, String idPrefix, long end,
                             AtomicLong sequence, long[][] latencies, int[] counts, int slot, AtomicLong ok,
                             AtomicLong failed, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long n = sequence.incrementAndGet();
        byte[] body = TriageCpuBenchmark.body(idPrefix + "-" + n, n);
        String signature = SignatureVerifier.sign(SECRET, Instant.now().getEpochSecond(), body);
        long sent = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
                        .setIdleTimeout(10_000).putHeader("Content-Type", "application/json").putHeader("Oncehub-Signature", signature))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .timeout(10, TimeUnit.SECONDS)
                .onComplete(ar -> {
                    long micros = (System.nanoTime() - sent) / 1000;
                    if (ar.succeeded() && ar.result() == 200) {
                        ok.incrementAndGet();
                        if (counts[slot] == latencies[slot].length) {
                            latencies[slot] = Arrays.copyOf(latencies[slot], latencies[slot].length * 2);
                        }
                        latencies[slot][counts[slot]++] = micros;
                    } else {
                        failed.incrementAndGet();
                    }
                    next(client, port, path, idPrefix, end, sequence, latencies, counts, slot, ok, failed, done);
                });
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private IngestBenchmark() {
    }

}
