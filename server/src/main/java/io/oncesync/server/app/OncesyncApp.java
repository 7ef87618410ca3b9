package io.oncesync.server.app;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.ingest.HttpLimits;
import io.oncesync.server.ingest.HttpVerticle;
import io.oncesync.server.ingest.SecretSource;
import io.oncesync.server.ingest.SecurityHeaders;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.WebhookRoutes;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.oncehub.BookingCalendars;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.OnceHubWiring;
import io.oncesync.server.ops.AdminAuth;
import io.oncesync.server.ops.OpsRoutes;
import io.oncesync.server.ops.Readiness;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.ApiUsage;
import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.ConnectRoutes;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.connect.PendingAuthorizations;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.oncesync.server.sync.MeteredInbox;
import io.oncesync.server.sync.SalesforceClaimGate;
import io.oncesync.server.sync.SyncPipeline;
import io.oncesync.server.work.PauseSchedule;
import io.oncesync.server.work.WorkerPool;
import io.oncesync.server.work.WorkerSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: from a {@link Config}, the inbox, the rules, the Salesforce gateway, the workers running the
 * {@link SyncPipeline}, and ONE Vert.x HTTP server with the webhook route, {@code /health}, {@code /ready},
 * {@code /metrics}, the Salesforce connect routes and whatever {@link RouteModule}s are given (the admin API).
 *
 * <pre>{@code
 * try (OncesyncApp app = OncesyncApp.start(config, OncesyncApp.Options.defaults())) { ... }
 * }</pre>
 *
 * {@link #close()} is the graceful shutdown: no new webhooks are acknowledged, batches in flight finish (or are
 * released back to the inbox after the grace period), then the database closes.
 */
public final class OncesyncApp implements AppServices, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OncesyncApp.class);
    /** How long a started Salesforce connect waits for its callback (as {@link SalesforceConnector} allows). */
    private static final Duration CONNECT_FLOW_TTL = Duration.ofMinutes(10);

    /**
     * How to run besides the configuration.
     *
     * @param clock           time for signatures, the inbox, backoff and pauses
     * @param pauses          how long to pause after a reached API limit or an outage (when Salesforce names no time)
     * @param workers         worker settings; empty = defaults with the configured threads and batch size
     * @param modules         extra routes (the admin API)
     * @param settingsOverlay settings YAML laid over the configured settings (the demo's case calendar)
     * @param eventLoops      HTTP event loops sharing the port
     * @param connections     where the connected org is kept; empty = {@code DATA_DIR/salesforce-connection.json}
     */
    public record Options(Clock clock, PausePolicy pauses, Optional<WorkerSettings> workers, List<RouteModule> modules,
                          Optional<Policies.Overlay> settingsOverlay, int eventLoops,
                          Optional<ConnectionStore> connections) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(pauses, "pauses");
            Objects.requireNonNull(workers, "workers");
            modules = List.copyOf(modules);
            Objects.requireNonNull(settingsOverlay, "settingsOverlay");
            if (eventLoops < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1, was " + eventLoops);
            }
            Objects.requireNonNull(connections, "connections");
        }

        public static Options defaults() {
            return new Options(Clock.systemUTC(), PausePolicy.DEFAULT, Optional.empty(), List.of(), Optional.empty(),
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Optional.empty());
        }

        public Options withModules(List<RouteModule> m) {
            List<RouteModule> all = new ArrayList<>(modules);
            all.addAll(m);
            return new Options(clock, pauses, workers, all, settingsOverlay, eventLoops, connections);
        }

        public Options withPauses(PausePolicy p) {
            return new Options(clock, p, workers, modules, settingsOverlay, eventLoops, connections);
        }

        public Options withWorkers(WorkerSettings w) {
            return new Options(clock, pauses, Optional.of(w), modules, settingsOverlay, eventLoops, connections);
        }

        public Options withSettingsOverlay(Policies.Overlay overlay) {
            return new Options(clock, pauses, workers, modules, Optional.of(overlay), eventLoops, connections);
        }

        public Options withConnections(ConnectionStore store) {
            return new Options(clock, pauses, workers, modules, settingsOverlay, eventLoops, Optional.of(store));
        }
    }

    /** Start-up failed; the message says what to fix. */
    public static final class StartupException extends Exception {
        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Config config;
    private final Policies policies;
    private final InboxDatabase db;
    private final InboxStore inbox;
    private final SyncMetrics metrics;
    private final SalesforceGateway gateway;
    private final Readiness readiness;
    private final AdminAuth adminGuard;
    /** Membership of the instances sharing a PostgreSQL database; null on SQLite. */
    private final Cluster cluster;
    private final Optional<OnceHubService> oncehub;
    private WorkerPool workers;
    private Vertx vertx;
    private Router router;
    private int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OncesyncApp(Config config, Policies policies, InboxDatabase db, SyncMetrics metrics, InboxStore inbox,
                        SalesforceGateway gateway, AdminAuth adminGuard, Cluster cluster,
                        Optional<OnceHubService> oncehub) {
        this.cluster = cluster;
        this.config = config;
        this.policies = policies;
        this.db = db;
        this.metrics = metrics;
        this.inbox = inbox;
        this.gateway = gateway;
        this.adminGuard = adminGuard;
        this.oncehub = oncehub;
        List<Readiness.Check> checks = new ArrayList<>(List.of(
                new Readiness.Check("database", this::databaseStatus),
                new Readiness.Check("rules", this::rulesStatus),
                // Only what accepting needs gates readiness (the database, the rules); the rest shows as degraded.
                new Readiness.Check("salesforce", this::salesforceStatus, false)));
        if (cluster != null) {
            checks.add(new Readiness.Check("instances", this::instancesStatus, false));
        }
        oncehub.ifPresent(o -> checks.add(new Readiness.Check("oncehub", o::readiness, false)));
        this.readiness = new Readiness(checks);
    }

    /** Starts everything; returns once the HTTP server listens. */
    public static OncesyncApp start(Config config, Options options) throws StartupException {
        Policies policies;
        try {
            policies = Policies.load(new Policies.Source(config.rules().dir(), options.settingsOverlay()));
        } catch (Policies.PolicyException e) {
            throw new StartupException(e.getMessage(), e);
        }
        InboxOptions inboxOptions = InboxOptions.defaults().withClock(options.clock())
                .withInstanceTimeout(config.storage().instanceTimeout())
                .withBusyTimeout(config.resilience().dbBusyTimeout())
                .withQuarantineAfter(config.resilience().quarantineAfter());
        InboxDatabase db;
        try {
            db = config.storage().embedded() ? InboxDatabase.sqlite(config.storage().dataDir(), inboxOptions)
                    : InboxDatabase.postgres(config.storage().jdbcUrl().orElseThrow(), config.storage().user(),
                    config.storage().password().reveal(), inboxOptions);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the inbox database ("
                    + (config.storage().embedded() ? config.storage().dataDir() : "PostgreSQL") + "): " + e.getMessage(), e);
        }
        OncesyncApp app = null;
        Cluster cluster = null;
        try {
            SyncMetrics metrics = new SyncMetrics();
            InboxStore inbox = new MeteredInbox(db.inbox(), metrics, options.clock());
            metrics.backlog(() -> inbox.countByStatus().entrySet().stream().filter(e -> e.getKey().isOpen())
                    .mapToLong(Map.Entry::getValue).sum());
            ConnectionStore local = options.connections().orElseGet(() -> new FileConnectionStore(config.storage().dataDir()));
            cluster = db.shared() ? Cluster.join(db, policies, metrics, local) : null;
            TokenCipher cipher = cipher(config);
            SalesforceGateway gateway = gateway(config, options, cluster == null ? local : cluster.connections(), db,
                    cipher);
            AdminAuth guard = config.admin().token().isEmpty() ? null : new AdminAuth(config.admin().token());
            Optional<OnceHubService> oncehub = OnceHubWiring.service(config, db, inbox, metrics, cipher, options.clock());
            app = new OncesyncApp(config, policies, db, metrics, inbox, gateway, guard, cluster, oncehub);
            app.connectHeadless();
            app.startWorkers(options);
            if (cluster != null) {
                cluster.run(app.workers, gateway);
            }
            app.startHttp(options);
            oncehub.ifPresent(o -> o.start(config.oncehub().watchInterval(), config.oncehub().pollInterval()));
            LOG.info("oncesync listening on {}://{}:{} (webhooks at {}), inbox {}, rules {}",
                    config.http().https() ? "https" : "http", config.http().host(),
                    app.port, WebhookRoutes.PATH, config.storage().embedded() ? config.storage().dataDir().resolve(
                            InboxDatabase.SQLITE_FILE) : "PostgreSQL", policies.source().rulesDir().map(Object::toString)
                            .orElse("bundled"));
            return app;
        } catch (Exception e) {
            // Vert.x rethrows a failed listen's BindException unchecked: catch everything and clean up.
            if (app != null) {
                app.close();
            } else {
                if (cluster != null) {
                    cluster.leave();
                }
                db.close();
            }
            throw new StartupException("oncesync could not start: " + e, e);
        }
    }

    /** Encrypts what is stored at rest (refresh token, OnceHub secrets); without TOKEN_KEY, a key for this run only. */
    private static TokenCipher cipher(Config config) {
        Secret key = config.salesforce().tokenKey();
        return TokenCipher.fromBase64Key(key.isEmpty() ? Secret.of(TokenCipher.newBase64Key(new SecureRandom())) : key,
                new SecureRandom());
    }

    private static SalesforceGateway gateway(Config config, Options options, ConnectionStore store, InboxDatabase db,
                                             TokenCipher cipher) {
        Config.Salesforce sf = config.salesforce();
        String clientId = sf.clientId().isBlank() ? "not-configured" : sf.clientId();
        URI redirect = sf.redirectUri().isBlank() ? null : URI.create(sf.redirectUri());
        OAuthSettings oauth = new OAuthSettings(clientId, sf.clientSecret(), redirect, loginHost(sf.loginUrl()));
        // Behind a load balancer the connect callback may reach another instance than the one that started the flow.
        PendingAuthorizations.Store pending = db.shared()
                ? new SharedPendingAuthorizations(db.sharedState(), cipher, CONNECT_FLOW_TTL)
                : PendingAuthorizations.Store.inMemory();
        SalesforceConnector connector = new SalesforceConnector(oauth, cipher, store, pauses(config, options),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), options.clock(), pending,
                sf.maxConcurrentCalls());
        return new SalesforceGateway(connector, options.clock(), Backoff.LOCK_CONTENTION);
    }

    /**
     * The configured daily API reserve, unless the options set one. With the default policy the longest pause is
     * the configured maximum ({@code SF_PAUSE_MAX_SECONDS}); the workers' {@link PauseSchedule} starts shorter.
     */
    static PausePolicy pauses(Config config, Options options) {
        PausePolicy p = options.pauses();
        if (p.equals(PausePolicy.DEFAULT)) {
            p = new PausePolicy(config.resilience().pauseMax(), config.resilience().pauseMax(), p.dailyApiReserve());
        }
        return p.dailyApiReserve() > 0 ? p
                : new PausePolicy(p.afterLimitReached(), p.afterUnreachable(), config.salesforce().dailyApiReserve());
    }

    static LoginHost loginHost(String url) {
        URI uri = URI.create(url.strip().replaceAll("/+$", ""));
        if (uri.equals(LoginHost.PRODUCTION_URI)) {
            return LoginHost.production();
        }
        if (uri.equals(LoginHost.SANDBOX_URI)) {
            return LoginHost.sandbox();
        }
        return LoginHost.parse(uri.toString());
    }

    /** The client-credentials flow needs no admin click: connect now if nothing is stored yet. */
    private void connectHeadless() {
        if (config.salesforce().flow() != Config.OAuthFlow.CLIENT_CREDENTIALS || config.salesforce().clientId().isBlank()
                || gateway.connector().connection().isPresent()) {
            return;
        }
        try {
            ConnectResult r = gateway.accept(gateway.connector().connectWithClientCredentials());
            if (r instanceof ConnectResult.Connected c) {
                LOG.info("connected to Salesforce org {} as {} (client credentials)", c.connection().orgId(),
                        c.connection().username());
            } else {
                LOG.warn("Salesforce refused the client-credentials connect: {}", ((ConnectResult.Refused) r).message());
            }
        } catch (Exception e) {
            LOG.warn("could not connect to Salesforce yet ({}); webhooks are accepted and synced once it answers",
                    e.getMessage());
        }
    }

    private void startWorkers(Options options) {
        WorkerSettings settings = options.workers().orElseGet(() -> WorkerSettings.defaults()
                .withParallelBatches(config.workers().threads()).withBatchSize(config.workers().batchSize()));
        SyncPipeline pipeline = new SyncPipeline(policies, gateway, db.ledger(), pauses(config, options), options.clock(),
                metrics);
        workers = new WorkerPool(inbox, pipeline, settings, options.clock(), new Random(),
                new SalesforceClaimGate(gateway), new PauseSchedule(config.resilience().pauseMin(),
                config.resilience().pauseMax(), new Random()));
        metrics.pause(() -> workers.state().pausedUntil(), options.clock());
        workers.start();
    }

    private void startHttp(Options options) {
        vertx = Vertx.vertx();
        router = Router.router(vertx);
        SecurityHeaders.install(router);
        HttpLimits limits = new HttpLimits(config.http().maxConnections(), config.http().idleTimeout(),
                config.http().requestTimeout(), config.webhooks().maxInflightBytes());
        router.route(WebhookRoutes.PATH).handler(ctx -> {
            long started = System.nanoTime();
            ctx.addHeadersEndHandler(v -> {
                int status = ctx.response().getStatusCode();
                if (status >= 400 && status < 500) {
                    metrics.delivery(SyncMetrics.Delivery.REJECTED);
                } else if (status < 300) {
                    metrics.acceptLatency(Duration.ofNanos(System.nanoTime() - started));
                }
            });
            ctx.next();
        });
        List<WebhookSecret> secrets = config.webhooks().secrets().stream().map(s -> new WebhookSecret(s.reveal())).toList();
        if (secrets.isEmpty() && oncehub.isEmpty()) {
            router.post(WebhookRoutes.PATH).handler(ctx -> ctx.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/problem+json").end("{\"type\":\"about:blank\",\"title\":"
                            + "\"Webhooks not configured\",\"status\":503,\"detail\":\"set ONCESYNC_WEBHOOK_SECRETS\"}"));
        } else {
            SecretSource source = oncehub.<SecretSource>map(OnceHubService::secrets).orElse(SecretSource.fixed(secrets));
            WebhookRoutes.mount(router, new SignatureVerifier(source, config.webhooks().tolerance(), options.clock()),
                    new EngineTriage(options.clock()), inbox, config.webhooks().maxBodyBytes(), limits);
        }
        new OpsRoutes(metrics, readiness, ctx -> adminGuard != null && adminGuard.authenticated(ctx)).mount(router);
        new ConnectRoutes(gateway, adminGuard()).mount(router);
        for (RouteModule module : options.modules()) {
            module.mount(router, this);
        }
        int requested = config.http().port() == 0 ? -1 : config.http().port();
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        HttpVerticle.Gate gate = new HttpVerticle.Gate(limits.maxConnections());
        Optional<HttpVerticle.Tls> tls = config.http().https() ? Optional.of(new HttpVerticle.Tls(
                config.http().tlsCertificate().orElseThrow(), config.http().tlsKey().orElseThrow())) : Optional.empty();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(router, config.http().host(), requested, limits, gate, tls);
            verticles.add(v);
            return v;
        }, new DeploymentOptions().setInstances(options.eventLoops())).await();
        port = verticles.get(0).actualPort();
    }

    private Readiness.Status databaseStatus() {
        try {
            db.probeWrite();
        } catch (InboxUnavailable e) {
            // Webhooks are answered 503 meanwhile; when the disk or the lock frees, this turns up by itself.
            return Readiness.Status.down("cannot write: " + e.getMessage());
        }
        Map<InboxStatus, Long> counts = inbox.countByStatus();
        long open = counts.entrySet().stream().filter(e -> e.getKey().isOpen()).mapToLong(Map.Entry::getValue).sum();
        return Readiness.Status.up("reachable; " + open + " events waiting, " + counts.getOrDefault(InboxStatus.DEAD, 0L)
                + " dead");
    }

    private Readiness.Status rulesStatus() {
        String from = cluster != null ? "shared version " + policies.version()
                : policies.source().rulesDir().map(Object::toString).orElse("the bundled policies");
        return Readiness.Status.up(policies.snapshot().rules().ruleNames().size() + " rules compiled from " + from);
    }

    /** On a shared database: this instance and the others, with the rules version each runs. */
    private Readiness.Status instancesStatus() {
        List<io.oncesync.server.inbox.InstanceRegistry.Instance> all = cluster.instances();
        StringBuilder sb = new StringBuilder("this is ").append(db.instanceId()).append("; ").append(all.size())
                .append(" live:");
        for (var i : all) {
            sb.append(' ').append(i.id()).append(" (rules version ").append(i.rulesVersion()).append(')');
        }
        return Readiness.Status.up(sb.toString());
    }

    /** Does not gate readiness: webhooks are stored while Salesforce is away, and synced once it is back. */
    private Readiness.Status salesforceStatus() {
        SalesforceGateway.Status s = gateway.status();
        if (s.state() != SalesforceGateway.Status.State.CONNECTED) {
            return Readiness.Status.down(s.state() + (s.detail().isBlank() ? "" : ": " + s.detail())
                    + (s.state() == SalesforceGateway.Status.State.NOT_CONNECTED ? "; connect at /connect/salesforce" : "")
                    + "; webhooks are still accepted");
        }
        if (workers != null && workers.state().paused()) {
            return Readiness.Status.down("syncing paused until " + workers.state().pausedUntil() + " ("
                    + workers.state().pauseReason() + "); webhooks are still accepted; POST /admin/sync/resume"
                    + " resumes now");
        }
        ApiUsage usage = s.usage();
        String org = s.connection().map(c -> c.orgId() + " as " + c.username()).orElse("connected");
        return Readiness.Status.up(org + (usage.limit() > 0 ? "; API requests " + usage.current() + " of " + usage.limit()
                + " used today" : ""));
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public InboxStore inbox() {
        return inbox;
    }

    @Override
    public io.oncesync.engine.port.BookingLedger ledger() {
        return db.ledger();
    }

    @Override
    public InboxDatabase database() {
        return db;
    }

    @Override
    public Policies policies() {
        return policies;
    }

    @Override
    public SalesforceGateway gateway() {
        return gateway;
    }

    /** On a shared database, where rule changes are published to every instance; empty on SQLite. */
    @Override
    public Optional<RulePublisher> rulePublisher() {
        return Optional.ofNullable(cluster).map(Cluster::rules);
    }

    @Override
    public SyncMetrics metrics() {
        return metrics;
    }

    @Override
    public WorkerPool workers() {
        return workers;
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }

    @Override
    public Handler<RoutingContext> adminGuard() {
        if (adminGuard != null) {
            return adminGuard;
        }
        return ctx -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"Admin API disabled\",\"status\":503,"
                        + "\"detail\":\"set ONCESYNC_ADMIN_TOKEN to enable it\"}");
    }

    /** The admin routes mounted by modules, as "METHOD /path", for the demo's and serve's start-up message. */
    public List<String> adminRoutes() {
        List<String> out = new ArrayList<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            String path = r.getPath();
            if (path != null && path.startsWith("/admin")) {
                String methods = r.methods() == null || r.methods().isEmpty() ? "ANY"
                        : String.join(",", r.methods().stream().map(Object::toString).sorted().toList());
                String line = methods + " " + path;
                if (!out.contains(line)) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<BookingCalendars> bookingCalendars() {
        return oncehub.map(OnceHubService::bookingCalendars);
    }

    /** The OnceHub side (subscription watcher, reconciliation) when an API key is configured or stored. */
    public Optional<OnceHubService> oncehub() {
        return oncehub;
    }

    @Override
    public int port() {
        return port;
    }

    /** Stops HTTP (no new acknowledgements), finishes or releases in-flight work, closes the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down: no new webhooks; finishing in-flight work");
        oncehub.ifPresent(OnceHubService::close);
        if (vertx != null) {
            for (String id : vertx.deploymentIDs()) {
                try {
                    vertx.undeploy(id).await();
                } catch (RuntimeException e) {
                    LOG.warn("stopping HTTP: {}", e.getMessage());
                }
            }
        }
        if (workers != null) {
            workers.close();
        }
        if (cluster != null) {
            cluster.leave();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        db.close();
        LOG.info("stopped");
    }
}
