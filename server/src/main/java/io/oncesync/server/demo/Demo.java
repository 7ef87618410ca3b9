package io.oncesync.server.demo;

import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.StartupException;
import io.oncesync.server.app.RouteModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.engine.settings.MeetingMode;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code oncesync demo}: an in-process local org with sample data, the full server on an embedded SQLite inbox in a
 * temporary directory, the bundled sample webhooks sent signed through the real HTTP endpoint, and a report of
 * what happened in Salesforce, read back through the Partner API.
 */
public final class Demo implements AutoCloseable {
    /** Where the demo listens; a port already taken falls back to a free one. */
    public record Settings(String host, int port, int orgPort) {
        public static Settings defaults() {
            return new Settings("127.0.0.1", 8080, 9440);
        }
    }

    /** One sample webhook as sent, with the endpoint's answer and the inbox's final word. */
    public record Delivery(DemoWebhooks.Sample sample, String eventId, WebhookClient.Answer answer,
                          Optional<InboxEntry> entry) {
        public Optional<InboxStatus> status() {
            return entry.map(InboxEntry::status);
        }
    }

    /** Everything the demo sent and how it ended. */
    public record Result(List<Delivery> deliveries, boolean drained) {
        public boolean anyDead() {
            return deliveries.stream().anyMatch(d -> d.status().filter(s -> s == InboxStatus.DEAD).isPresent());
        }

        public boolean allAcknowledged() {
            return deliveries.stream().allMatch(d -> d.answer().acknowledged());
        }

        public boolean ok() {
            return drained && allAcknowledged() && !anyDead();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(120);

    private final LocalOrg org;
    private final OncesyncApp app;
    private final Path dataDir;
    private final String adminToken;
    private final WebhookSecret secret;
    private final DemoOnceHub oncehub;

    private Demo(LocalOrg org, OncesyncApp app, Path dataDir, String adminToken, WebhookSecret secret,
                 DemoOnceHub oncehub) {
        this.oncehub = oncehub;
        this.org = org;
        this.app = app;
        this.dataDir = dataDir;
        this.adminToken = adminToken;
        this.secret = secret;
    }

    /** Starts the local org and the server (with the admin API and any other installed route modules). */
    public static Demo start(Settings settings, List<RouteModule> modules) throws StartupException {
        Path dataDir;
        Path seed;
        try {
            dataDir = Files.createTempDirectory("oncesync-demo-");
            seed = dataDir.resolve("local-org-seed.json");
            Files.write(seed, DemoWebhooks.resource("oncesync/demo/local-org-seed.json"));
            writableRules(dataDir.resolve("rules"));
        } catch (IOException e) {
            throw new StartupException("cannot create the demo's temporary directory: " + e.getMessage(), e);
        }
        LocalOrg org = startOrg(settings.orgPort(), seed);
        DemoOnceHub oncehub = DemoOnceHub.start();
        SecureRandom random = new SecureRandom();
        String adminToken = "demo-" + HexFormat.of().formatHex(random.generateSeed(16));
        String webhookSecret = "whsec-demo-" + HexFormat.of().formatHex(random.generateSeed(16));
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ConfigKey.HTTP_HOST.envName(), settings.host());
        env.put(ConfigKey.DATA_DIR.envName(), dataDir.resolve("data").toString());
        env.put(ConfigKey.WEBHOOK_SECRETS.envName(), webhookSecret);
        env.put(ConfigKey.ADMIN_TOKEN.envName(), adminToken);
        env.put(ConfigKey.RULES_DIR.envName(), dataDir.resolve("rules").toString());
        env.put(ConfigKey.SF_LOGIN_URL.envName(), org.baseUrl());
        env.put(ConfigKey.SF_CLIENT_ID.envName(), org.clientId());
        env.put(ConfigKey.SF_CLIENT_SECRET.envName(), org.clientSecret());
        env.put(ConfigKey.SF_FLOW.envName(), "client_credentials");
        env.put(ConfigKey.TOKEN_KEY.envName(), TokenCipher.newBase64Key(random));
        env.putAll(oncehub.env());
        OncesyncApp app = null;
        try {
            OncesyncApp.Options options = OncesyncApp.Options.defaults()
                    .withPauses(new PausePolicy(Duration.ofSeconds(30), Duration.ofSeconds(2)))
                    .withConnections(ConnectionStore.inMemory())
                    .withModules(modules);
            if (settings.port() != 0) {
                // The address is known before start: oncesync manages its OnceHub subscription as in production,
                // so the console's OnceHub panel (Check now, Rotate signing secret) works in the demo too.
                env.put(ConfigKey.PUBLIC_URL.envName(), "http://" + settings.host() + ":" + settings.port());
            }
            app = startApp(env, settings.port(), options);
            if (app.config().oncehub().publicUrl().isEmpty()) {
                oncehub.connect(app, "http://" + settings.host() + ":" + app.port());
            } else {
                oncehub.awaitManaged(app);
            }
            return new Demo(org, app, dataDir, adminToken, new WebhookSecret(webhookSecret), oncehub);
        } catch (io.oncesync.server.oncehub.OnceHubException e) {
            app.close();
            org.close();
            oncehub.close();
            deleteTree(dataDir);
            throw new StartupException("cannot create the demo's OnceHub subscription: " + e.getMessage(), e);
        } catch (StartupException | RuntimeException e) {
            if (app != null) {
                app.close();
            }
            oncehub.close();
            org.close();
            deleteTree(dataDir);
            throw e;
        }
    }

    /**
     * A writable copy of the bundled rules in {@code dir} (so the console can save settings out of the box), with
     * the demo's choice baked into its settings.yaml: bookings on the "Customer Support" calendar become Cases.
     */
    static void writableRules(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (RuleSource drl : RuleSource.bundled()) {
            Files.writeString(dir.resolve(drl.name()), drl.text(), StandardCharsets.UTF_8);
        }
        String settings = SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE);
        String demo = settings.replaceFirst("(?m)^  create: Events$", "  create: Cases")
                .replaceFirst("(?m)^  case-calendars: \\[\\]$", "  case-calendars: [BKC-SUPPORT0001]   # Customer Support (the demo's choice)");
        boolean cases = SettingsLoader.parse("settings.yaml", demo).fold(
                s -> s.meetings() == MeetingMode.CASES_FOR_SELECTED_CALENDARS, problems -> false);
        if (!cases) {
            throw new IOException("the bundled settings.yaml no longer has the meetings block the demo edits");
        }
        Files.writeString(dir.resolve("settings.yaml"), demo, StandardCharsets.UTF_8);
    }

    private static LocalOrg startOrg(int port, Path seed) {
        try {
            return LocalOrg.builder().port(port).seed(seed).start();
        } catch (RuntimeException busy) {
            if (port == 0) {
                throw busy;
            }
            return LocalOrg.builder().port(0).seed(seed).start();
        }
    }

    private static OncesyncApp startApp(Map<String, String> env, int port, OncesyncApp.Options options)
            throws StartupException {
        env.put(ConfigKey.HTTP_PORT.envName(), Integer.toString(port));
        try {
            return OncesyncApp.start(config(env), options);
        } catch (StartupException e) {
            if (port == 0 || !String.valueOf(e.getMessage()).toLowerCase().contains("address already in use")) {
                throw e;
            }
            env.put(ConfigKey.HTTP_PORT.envName(), "0");
            // another port: the subscription is created for the actual one after start, not managed from the URL
            env.remove(ConfigKey.PUBLIC_URL.envName());
            return OncesyncApp.start(config(env), options);
        }
    }

    private static Config config(Map<String, String> env) throws StartupException {
        try {
            return ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.TOOL);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    public OncesyncApp app() {
        return app;
    }

    public LocalOrg org() {
        return org;
    }

    public String adminToken() {
        return adminToken;
    }

    public WebhookSecret webhookSecret() {
        return secret;
    }

    /**
     * A link that signs the browser in to the console: the token rides in the URL fragment, which browsers never
     * send to the server, so it is in no request line or access log; the sign-in page posts it and removes it.
     */
    public String signInLink() {
        return serverUrl() + "/console/sign-in#token=" + adminToken;
    }

    public String serverUrl() {
        return "http://" + app.config().http().host() + ":" + app.port();
    }

    /**
     * Has the local OnceHub deliver every bundled sample, signed, through the subscription oncesync created, then
     * waits until the inbox has settled all of them.
     */
    public Result sendSamples() throws IOException, InterruptedException {
        List<DemoWebhooks.Sample> samples = DemoWebhooks.all();
        List<String> ids = new ArrayList<>();
        List<WebhookClient.Answer> answers = new ArrayList<>();
        for (DemoWebhooks.Sample s : samples) {
            ids.add(JSON.readTree(s.body()).path("id").asText());
            answers.add(oncehub.send(s.body()));
        }
        boolean drained = awaitSettled(ids);
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            out.add(new Delivery(samples.get(i), ids.get(i), answers.get(i), app.inbox().findByEventId(ids.get(i))));
        }
        return new Result(out, drained);
    }

    private boolean awaitSettled(List<String> eventIds) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            boolean open = eventIds.stream().map(id -> app.inbox().findByEventId(id))
                    .anyMatch(e -> e.isEmpty() || e.get().status().isOpen());
            if (!open) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** A Partner API connection to the local org as its admin: what the report (and a test) reads Salesforce with. */
    public PartnerConnection salesforce() throws ConnectionException {
        ConnectorConfig c = new ConnectorConfig();
        c.setSessionId(org.issueAccessToken(org.adminUsername()));
        c.setServiceEndpoint(org.soapEndpoint());
        return Connector.newConnection(c);
    }

    /** Prints what was sent, what each event became and why, what Salesforce holds now, and where to look next. */
    public void print(Result result, PrintStream out) throws ConnectionException {
        new DemoReport(this, out).print(result);
    }

    String oncehubUrl() {
        return oncehub.baseUrl();
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            oncehub.close();
            org.close();
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
