package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Several {@code oncesync serve} child JVMs on one embedded PostgreSQL and one local org, behind a
 * {@link RoundRobinProxy}: what the multi-instance end-to-end test and the throughput benchmark run.
 */
final class ServeCluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final LocalOrg org;
    final EmbeddedPostgres postgres;
    final Path dir;
    final RoundRobinProxy proxy;
    final WebhookClient client;
    private final int[] ports;
    private final Process[] processes;
    private final int[] starts;
    private final String tokenKey = TokenCipher.newBase64Key(new SecureRandom());
    private final String instanceTimeoutSeconds;
    private final Map<String, String> extraEnv;

    ServeCluster(int instances, int instanceTimeoutSeconds) throws Exception {
        this(instances, instanceTimeoutSeconds, Map.of());
    }

    /** @param extraEnv more configuration for every instance (e.g. workers and batch size) */
    ServeCluster(int instances, int instanceTimeoutSeconds, Map<String, String> extraEnv) throws Exception {
        this.instanceTimeoutSeconds = Integer.toString(instanceTimeoutSeconds);
        this.extraEnv = Map.copyOf(extraEnv);
        postgres = EmbeddedPostgres.builder().start();
        org = LocalOrg.builder().port(0).start();
        dir = Files.createTempDirectory("oncesync-instances-");
        ports = new int[instances];
        processes = new Process[instances];
        starts = new int[instances];
        List<Integer> backends = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
            backends.add(ports[i]);
        }
        proxy = new RoundRobinProxy(backends);
        client = new WebhookClient("http://127.0.0.1:" + proxy.port(), new WebhookSecret(Harness.SECRET), Clock.systemUTC());
    }

    /** Starts every instance at once and waits until each answers /health. */
    void startAll() throws Exception {
        for (int i = 0; i < ports.length; i++) {
            processes[i] = launch(i);
        }
        for (int i = 0; i < ports.length; i++) {
            awaitHealthy(i);
        }
    }

    /** Starts instance {@code i} (again) and waits until it answers /health. */
    void start(int i) throws Exception {
        processes[i] = launch(i);
        awaitHealthy(i);
    }

    private Process launch(int i) throws IOException {
        Map<String, String> env = Harness.env(org, dir.resolve("instance" + i), ports[i]);
        env.put(ConfigKey.DB_URL.envName(), postgres.getJdbcUrl("postgres", "postgres"));
        env.put(ConfigKey.DB_USER.envName(), "postgres");
        env.put(ConfigKey.TOKEN_KEY.envName(), tokenKey);
        env.put(ConfigKey.INSTANCE_TIMEOUT_SECONDS.envName(), instanceTimeoutSeconds);
        env.put(ConfigKey.RULES_UPLOAD_ENABLED.envName(), "true");
        env.putAll(extraEnv);
        return Harness.launchServe(env, log(i, ++starts[i]).toFile(), "-Xmx256m", "-XX:TieredStopAtLevel=1");
    }

    Path log(int i, int run) {
        return dir.resolve("instance" + i + "-run" + run + ".log");
    }

    private void awaitHealthy(int i) throws Exception {
        Process p = processes[i];
        Harness.awaitTrue(() -> !p.isAlive() || status(i, "/health") == 200, Duration.ofSeconds(180),
                () -> "instance " + i + " did not start");
        if (!p.isAlive()) {
            throw new AssertionError("instance " + i + " exited with " + p.exitValue() + ": "
                    + Files.readString(log(i, starts[i])));
        }
    }

    Process process(int i) {
        return processes[i];
    }

    int port(int i) {
        return ports[i];
    }

    /** SIGKILL: no shutdown hook, claims left behind. */
    void kill(int i) {
        processes[i].destroyForcibly();
    }

    /** SIGTERM and wait for the graceful shutdown to finish. */
    void stop(int i) throws InterruptedException {
        processes[i].destroy();
        if (!processes[i].waitFor(60, TimeUnit.SECONDS)) {
            processes[i].destroyForcibly();
            throw new AssertionError("instance " + i + " did not stop within 60 s of SIGTERM");
        }
    }

    int status(int i, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base(i) + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    String get(int i, String path) throws Exception {
        // With the admin token: /ready then shows each check's detail (the rules version among them).
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(i) + path)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + Harness.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** POSTs JSON to an admin route of instance {@code i}. */
    HttpResponse<String> admin(int i, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(i) + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Harness.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends the bodies not yet acknowledged through the proxy from 16 threads, once each; adds those acknowledged
     * and reports the count after each delivery to {@code progress}. A refused or broken connection is not an
     * acknowledgement (OnceHub would send it again).
     */
    void send(List<byte[]> bodies, Set<Integer> acknowledged, IntConsumer progress) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                senders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        if (acknowledged.contains(i)) {
                            continue;
                        }
                        try {
                            if (client.send(bodies.get(i)).acknowledged()) {
                                acknowledged.add(i);
                            }
                        } catch (IOException refusedOrReset) {
                            // not acknowledged
                        }
                        progress.accept(acknowledged.size());
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

    /** Sends until every body is acknowledged (at most 20 rounds). */
    void sendUntilAcknowledged(List<byte[]> bodies, Set<Integer> acknowledged, IntConsumer progress) throws Exception {
        for (int round = 0; acknowledged.size() < bodies.size() && round < 20; round++) {
            send(bodies, acknowledged, progress);
        }
    }

    /** A webhook client talking to instance {@code i} directly, not through the proxy. */
    WebhookClient direct(int i) {
        return new WebhookClient(base(i), new WebhookSecret(Harness.SECRET), Clock.systemUTC());
    }

    private String base(int i) {
        return "http://127.0.0.1:" + ports[i];
    }

    Connection sql() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    long count(String where) throws SQLException {
        try (Connection c = sql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox_event WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long open() {
        try {
            return count("status IN ('RECEIVED', 'RETRY', 'PROCESSING')");
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null && processes[i].isAlive()) {
                processes[i].destroyForcibly();
                processes[i].waitFor(30, TimeUnit.SECONDS);
            }
        }
        proxy.close();
        org.close();
        postgres.close();
        keepLogs();
        Harness.deleteTree(dir);
    }

    /** The instances' logs of the last run stay in target/ for a look after a failure. */
    private void keepLogs() throws IOException {
        Path kept = Path.of("target", "serve-cluster-logs");
        Harness.deleteTree(kept);
        Files.createDirectories(kept);
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()));
            }
        }
    }
}
