package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.oncesync.server.work.Backoff;
import io.oncesync.server.work.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A local org and a full oncesync (HTTP, SQLite inbox in a temp dir, rules, gateway, workers) in this JVM, talking
 * over loopback HTTP like production; plus the helpers the end-to-end tests share.
 */
public final class Harness implements AutoCloseable {
    static final String SECRET = "whsec-e2e-0123456789abcdef";
    public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";

    final LocalOrg org;
    final OncesyncApp app;
    final Path dir;
    final WebhookClient client;

    private Harness(LocalOrg org, OncesyncApp app, Path dir) {
        this.org = org;
        this.app = app;
        this.dir = dir;
        this.client = new WebhookClient("http://127.0.0.1:" + app.port(), new WebhookSecret(SECRET), Clock.systemUTC());
    }

    /** The base URL of the running oncesync. */
    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Short pauses and backoff, so outages and retries resolve within a test. */
    public static OncesyncApp.Options testOptions() {
        return OncesyncApp.Options.defaults()
                .withPauses(new PausePolicy(Duration.ofSeconds(2), Duration.ofMillis(500)))
                .withWorkers(new WorkerSettings(50, 4, Duration.ofMinutes(5), 12,
                        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .withConnections(ConnectionStore.inMemory());
    }

    static Harness start() throws Exception {
        return start(testOptions(), Map.of());
    }

    public static Harness start(OncesyncApp.Options options, Map<String, String> extraEnv) throws Exception {
        Path dir = Files.createTempDirectory("oncesync-e2e-");
        LocalOrg org = LocalOrg.builder().port(0).start();
        try {
            Map<String, String> env = env(org, dir, 0);
            env.putAll(extraEnv);
            OncesyncApp app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE), options);
            return new Harness(org, app, dir);
        } catch (Exception e) {
            org.close();
            throw e;
        }
    }

    /** The environment `serve` needs against {@code org}, with the inbox under {@code dir}. */
    public static Map<String, String> env(LocalOrg org, Path dir, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ConfigKey.HTTP_HOST.envName(), "127.0.0.1");
        env.put(ConfigKey.HTTP_PORT.envName(), Integer.toString(port));
        env.put(ConfigKey.DATA_DIR.envName(), dir.resolve("data").toString());
        env.put(ConfigKey.WEBHOOK_SECRETS.envName(), SECRET);
        env.put(ConfigKey.ADMIN_TOKEN.envName(), ADMIN_TOKEN);
        env.put(ConfigKey.SF_LOGIN_URL.envName(), org.baseUrl());
        env.put(ConfigKey.SF_CLIENT_ID.envName(), org.clientId());
        env.put(ConfigKey.SF_CLIENT_SECRET.envName(), org.clientSecret());
        env.put(ConfigKey.SF_FLOW.envName(), "client_credentials");
        env.put(ConfigKey.TOKEN_KEY.envName(), TokenCipher.newBase64Key(new SecureRandom()));
        return env;
    }

    PartnerConnection sf() throws Exception {
        return salesforce(org);
    }

    static PartnerConnection salesforce(LocalOrg org) throws Exception {
        ConnectorConfig c = new ConnectorConfig();
        c.setSessionId(org.issueAccessToken(org.adminUsername()));
        c.setServiceEndpoint(org.soapEndpoint());
        return Connector.newConnection(c);
    }

    /** Every row of a query, following queryMore. */
    static List<SObject> queryAll(PartnerConnection sf, String soql) throws Exception {
        QueryResult r = sf.query(soql);
        List<SObject> out = new ArrayList<>(List.of(r.getRecords()));
        while (!r.isDone()) {
            r = sf.queryMore(r.getQueryLocator());
            out.addAll(List.of(r.getRecords()));
        }
        return out;
    }

    /** Waits (polling, with a deadline) until every event is stored and no longer open; returns their entries. */
    Map<String, InboxEntry> awaitSettled(Collection<String> eventIds, Duration deadline) throws InterruptedException {
        awaitTrue(() -> eventIds.stream().map(id -> app.inbox().findByEventId(id))
                .allMatch(e -> e.isPresent() && !e.get().status().isOpen()), deadline,
                () -> "events still open: " + eventIds.stream().map(id -> app.inbox().findByEventId(id))
                        .filter(e -> e.isEmpty() || e.get().status().isOpen()).limit(5).toList());
        Map<String, InboxEntry> out = new LinkedHashMap<>();
        eventIds.forEach(id -> out.put(id, app.inbox().findByEventId(id).orElseThrow()));
        return out;
    }

    /** Polls until the condition holds; fails with the description when the deadline passes first. */
    /**
     * Starts {@code oncesync serve} as a child JVM on the test classpath with {@code env}, its output in {@code log};
     * does not wait for it.
     */
    static Process launchServe(Map<String, String> env, java.io.File log, String... jvmOptions) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.oncesync.server.cli.Main", "serve"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log);
        return pb.start();
    }

    /** The status a GET of {@code path} on the local port answers, or -1 when it does not answer within 5 s. */
    static int status(int port, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    public static void awaitTrue(BooleanSupplier condition, Duration deadline, java.util.function.Supplier<String> describe)
            throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not reached within " + deadline + ": " + describe.get());
            }
            Thread.sleep(50);
        }
    }

    static String text(SObject r, String field) {
        Object v = r.getField(field);
        return v == null ? "" : v.toString();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            org.close();
            deleteTree(dir);
        }
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory; best effort
        }
    }
}
