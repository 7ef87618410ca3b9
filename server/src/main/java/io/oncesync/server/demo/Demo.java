package io.oncesync.server.demo;

import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.RouteModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    public static Demo start(Settings settings, List<RouteModule> modules) throws OncesyncApp.StartupException {
        Path dataDir;
        Path seed;
        try {
            dataDir = Files.createTempDirectory("oncesync-demo-");
            seed = dataDir.resolve("local-org-seed.json");
            Files.write(seed, DemoWebhooks.resource("oncesync/demo/local-org-seed.json"));
            writableRules(dataDir.resolve("rules"));
        } catch (IOException e) {
            throw new OncesyncApp.StartupException("cannot create the demo's temporary directory: " + e.getMessage(), e);
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
            app = startApp(env, settings.port(), options);
            oncehub.connect(app, "http://" + settings.host() + ":" + app.port());
            return new Demo(org, app, dataDir, adminToken, new WebhookSecret(webhookSecret), oncehub);
        } catch (io.oncesync.server.oncehub.OnceHubException e) {
            app.close();
            org.close();
            oncehub.close();
            deleteTree(dataDir);
            throw new OncesyncApp.StartupException("cannot create the demo's OnceHub subscription: " + e.getMessage(), e);
        } catch (OncesyncApp.StartupException | RuntimeException e) {
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
            throws OncesyncApp.StartupException {
        env.put(ConfigKey.HTTP_PORT.envName(), Integer.toString(port));
        try {
            return OncesyncApp.start(config(env), options);
        } catch (OncesyncApp.StartupException e) {
            if (port == 0 || !String.valueOf(e.getMessage()).toLowerCase().contains("address already in use")) {
                throw e;
            }
            env.put(ConfigKey.HTTP_PORT.envName(), "0");
            return OncesyncApp.start(config(env), options);
        }
    }

    private static Config config(Map<String, String> env) throws OncesyncApp.StartupException {
        try {
            return ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.TOOL);
        } catch (ConfigException e) {
            throw new OncesyncApp.StartupException(e.getMessage(), e);
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
        out.println();
        out.println("The local OnceHub (" + oncehub.baseUrl() + ") delivered " + result.deliveries().size()
                + " signed webhooks to the subscription oncesync created for " + serverUrl() + "/webhooks/oncehub:");
        out.println();
        Set<String> people = new LinkedHashSet<>();
        Set<String> meetings = new LinkedHashSet<>();
        int n = 0;
        for (Delivery d : result.deliveries()) {
            n++;
            JsonNode trace = d.entry().map(InboxEntry::decisionTrace).map(Demo::json).orElse(JSON.createObjectNode());
            String status = d.status().map(s -> s.name().toLowerCase()).orElse("not stored");
            out.printf("%2d  %-28s %-20s HTTP %d %-10s -> %s%n", n, d.sample().title(), type(d.sample()),
                    d.answer().status(), answerStatus(d.answer()), status);
            for (JsonNode o : trace.path("outcomes")) {
                String id = o.path("id").asText("");
                out.printf("      %-8s %-8s %s%s%n", o.path("object").asText(), o.path("result").asText(), id,
                        o.has("statusCode") ? " " + o.path("statusCode").asText() + ": " + o.path("message").asText() : "");
                if (!id.isEmpty()) {
                    (id.startsWith("00Q") || id.startsWith("003") ? people : meetings).add(id);
                }
            }
            if (trace.has("rulesFired")) {
                out.println("      decided by: " + decidingRules(trace));
            }
            d.entry().map(InboxEntry::lastError).filter(e -> e != null && !e.isBlank())
                    .ifPresent(e -> out.println("      error: " + e));
            d.entry().filter(e -> e.status() == InboxStatus.IGNORED && e.decisionTrace() != null)
                    .ifPresent(e -> out.println("      why: " + e.decisionTrace().lines().findFirst().orElse("")
                            .replaceFirst("^ignored: ", "")));
            d.entry().ifPresent(e -> {
                if (e.personId() != null) {
                    people.add(e.personId());
                }
                meetings.addAll(e.recordIds());
            });
        }
        out.println();
        out.println("What Salesforce holds now (read back through the Partner API):");
        PartnerConnection sf = salesforce();
        Map<String, String> names = new LinkedHashMap<>();
        printPeople(sf, "Lead", people, names, out);
        printPeople(sf, "Contact", people, names, out);
        printMeetings(sf, meetings, names, out);
        out.println();
        String url = serverUrl();
        out.println("Try it:");
        out.println("  server         " + url + "   (webhooks: POST /webhooks/oncehub)");
        out.println("  readiness      curl " + url + "/ready");
        out.println("  metrics        curl -s " + url + "/metrics | grep '^oncesync_'");
        out.println("  console        " + url + "/console   (sign in with the admin token below)");
        out.println("                 sign-in link: " + signInLink());
        out.println("  admin API      " + url + "/admin   token: " + adminToken);
        List<String> routes = app.adminRoutes().stream().filter(r -> !r.startsWith("ANY ")).toList();
        String example = routes.contains("GET /admin/deliveries") ? "/admin/deliveries" : "/connect/salesforce/status";
        out.println("                 curl -H 'Authorization: Bearer " + adminToken + "' " + url + example);
        routes.forEach(r -> out.println("                 " + r));
        out.println("  local org      " + org.baseUrl() + "   (all records: curl " + org.baseUrl() + "/_localorg/dump)");
        out.println("                 login " + org.adminUsername() + ", client id " + org.clientId());
        out.println("  local OnceHub  " + oncehub.baseUrl() + "   (state: curl " + oncehub.baseUrl() + "/_localoncehub/state)");
        out.println("  rules          " + dataDir.resolve("rules") + " (a writable copy: the console saves settings.yaml here)");
        out.println("  data dir       " + dataDir + " (deleted on exit)");
    }

    private static String type(DemoWebhooks.Sample s) {
        try {
            return JSON.readTree(s.body()).path("type").asText();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String answerStatus(WebhookClient.Answer a) {
        JsonNode n = json(a.body());
        return n.has("status") && n.path("status").isTextual() ? n.path("status").asText() : "";
    }

    private static JsonNode json(String s) {
        try {
            if (s != null && s.startsWith("ignored: ")) {
                int json = s.indexOf('\n');
                s = json < 0 ? null : s.substring(json + 1);   // the store prefixes the reason to the trace
            }
            return s == null || s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The rules that chose the guest and the meeting, plus how many mapping rules filled fields. */
    static String decidingRules(JsonNode trace) {
        Set<String> chosen = new LinkedHashSet<>();
        int mapping = 0;
        for (JsonNode r : trace.path("rulesFired")) {
            String rule = r.asText();
            if (rule.startsWith("mapping:") || rule.startsWith("overwrite:") || rule.startsWith("fallback:")) {
                mapping++;
            } else {
                chosen.add(rule.replaceFirst("^[a-z-]+: ", ""));
            }
        }
        return String.join(" / ", chosen) + (mapping > 0 ? " (+" + mapping + " mapping/overwrite/fallback rules)" : "");
    }

    private static void printPeople(PartnerConnection sf, String object, Set<String> ids, Map<String, String> names,
                                    PrintStream out) throws ConnectionException {
        String prefix = object.equals("Lead") ? "00Q" : "003";
        List<String> mine = ids.stream().filter(id -> id.startsWith(prefix)).toList();
        String extra = object.equals("Lead") ? ", Company, LeadSource" : ", LeadSource";
        List<SObject> rows = query(sf, "SELECT Id, FirstName, LastName, Email, Phone, MobilePhone, Title" + extra
                + ", CreatedDate, LastModifiedDate FROM " + object, mine);
        out.println("  " + object + "s (" + rows.size() + ")");
        for (SObject r : rows) {
            String name = (text(r, "FirstName").isEmpty() ? "" : text(r, "FirstName") + " ") + text(r, "LastName");
            names.put(r.getId().substring(0, 15), name);
            StringBuilder line = new StringBuilder("    ").append(r.getId()).append("  ").append(name);
            for (String f : List.of("Email", "Phone", "MobilePhone", "Company", "Title", "LeadSource")) {
                if (!text(r, f).isEmpty()) {
                    line.append("  ").append(f).append('=').append(text(r, f));
                }
            }
            boolean created = text(r, "CreatedDate").equals(text(r, "LastModifiedDate"));
            out.println(line.append(created ? "  [created]" : "  [updated]"));
        }
    }

    private static void printMeetings(PartnerConnection sf, Set<String> ids, Map<String, String> names, PrintStream out)
            throws ConnectionException {
        List<SObject> events = query(sf, "SELECT Id, Subject, StartDateTime, EndDateTime, WhoId, Location FROM Event",
                ids.stream().filter(id -> id.startsWith("00U")).toList());
        out.println("  Events (" + events.size() + ")");
        for (SObject r : events) {
            out.println("    " + r.getId() + "  \"" + text(r, "Subject") + "\"  " + text(r, "StartDateTime") + " to "
                    + text(r, "EndDateTime") + "  who: " + who(text(r, "WhoId"), names));
        }
        List<SObject> cases = query(sf, "SELECT Id, Subject, Status, Origin, ContactId FROM Case",
                ids.stream().filter(id -> id.startsWith("500")).toList());
        out.println("  Cases (" + cases.size() + ")");
        for (SObject r : cases) {
            out.println("    " + r.getId() + "  \"" + text(r, "Subject") + "\"  Status=" + text(r, "Status") + "  Origin="
                    + text(r, "Origin") + "  contact: " + who(text(r, "ContactId"), names));
        }
    }

    private static String who(String id, Map<String, String> names) {
        if (id.isEmpty()) {
            return "-";
        }
        String name = names.get(id.length() >= 15 ? id.substring(0, 15) : id);
        return (name == null ? "" : name + " ") + "(" + id + ")";
    }

    private static List<SObject> query(PartnerConnection sf, String select, List<String> ids) throws ConnectionException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", ids.stream().map(id -> "'" + id.replaceAll("[^A-Za-z0-9]", "") + "'").toList());
        QueryResult r = sf.query(select + " WHERE Id IN (" + in + ") ORDER BY CreatedDate");
        List<SObject> out = new ArrayList<>(List.of(r.getRecords()));
        while (!r.isDone()) {
            r = sf.queryMore(r.getQueryLocator());
            out.addAll(List.of(r.getRecords()));
        }
        return out;
    }

    private static String text(SObject r, String field) {
        Object v = r.getField(field);
        return v == null ? "" : v.toString();
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
