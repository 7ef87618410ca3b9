package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.config.Config;
import io.oncesync.server.http.Problem;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.ingest.WebhookRoutes;
import io.oncesync.server.oncehub.BookingCalendars;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.OnceHubWiring;
import io.oncesync.server.ops.AdminAuth;
import io.oncesync.server.ops.Readiness;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.oncesync.server.sync.MeteredInbox;
import io.oncesync.server.sync.SalesforceClaimGate;
import io.oncesync.server.sync.SyncPipeline;
import io.oncesync.server.work.PauseSchedule;
import io.oncesync.server.work.WorkerPool;
import io.oncesync.server.work.WorkerSettings;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: from a {@link Config}, the inbox, the rules, the Salesforce gateway
 * ({@link SalesforceWiring}), the workers running the {@link SyncPipeline}, {@code /ready}'s checks
 * ({@link ReadinessChecks}) and ONE Vert.x HTTP server ({@link WebServer}) with the webhook route, {@code /health},
 * {@code /ready}, {@code /metrics}, the Salesforce connect routes and whatever {@link RouteModule}s are given (the
 * admin API, the console).
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

        /** The clock of audit times, console sessions, pauses and retries (tests move it by hand). */
        public Options withClock(Clock c) {
            return new Options(c, pauses, workers, modules, settingsOverlay, eventLoops, connections);
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
    private final Clock clock;
    private WorkerPool workers;
    private Vertx vertx;
    private WebServer web;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OncesyncApp(Config config, Policies policies, InboxDatabase db, SyncMetrics metrics, InboxStore inbox,
                        SalesforceGateway gateway, AdminAuth adminGuard, Cluster cluster,
                        Optional<OnceHubService> oncehub, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.config = config;
        this.policies = policies;
        this.db = db;
        this.metrics = metrics;
        this.inbox = inbox;
        this.gateway = gateway;
        this.adminGuard = adminGuard;
        this.oncehub = oncehub;
        this.readiness = ReadinessChecks.of(db, inbox, policies, cluster, gateway, () -> workers, oncehub);
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
            TokenCipher cipher = SalesforceWiring.cipher(config);
            SalesforceGateway gateway = SalesforceWiring.gateway(config, options, cluster == null ? local : cluster.connections(), db,
                    cipher);
            AdminAuth guard = config.admin().token().isEmpty() ? null : new AdminAuth(config.admin().token());
            Optional<OnceHubService> oncehub = OnceHubWiring.service(config, db, inbox, metrics, cipher, options.clock());
            app = new OncesyncApp(config, policies, db, metrics, inbox, gateway, guard, cluster, oncehub, options.clock());
            SalesforceWiring.connectHeadless(config, gateway);
            app.startWorkers(options);
            if (cluster != null) {
                cluster.run(app.workers, gateway);
            }
            app.startHttp(options);
            oncehub.ifPresent(o -> o.start(config.oncehub().watchInterval(), config.oncehub().pollInterval()));
            LOG.info("oncesync listening on {}://{}:{} (webhooks at {}), inbox {}, rules {}",
                    config.http().https() ? "https" : "http", config.http().host(),
                    app.port(), WebhookRoutes.PATH, config.storage().embedded() ? config.storage().dataDir().resolve(
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

    private void startWorkers(Options options) {
        WorkerSettings settings = options.workers().orElseGet(() -> WorkerSettings.defaults()
                .withParallelBatches(config.workers().threads()).withBatchSize(config.workers().batchSize()))
                .withBatchTimeout(config.resilience().batchTimeout());
        SyncPipeline pipeline = new SyncPipeline(policies, gateway, db.ledger(), SalesforceWiring.pauses(config, options),
                options.clock(), metrics);
        workers = new WorkerPool(inbox, pipeline, settings, options.clock(), new Random(),
                new SalesforceClaimGate(gateway), new PauseSchedule(config.resilience().pauseMin(),
                config.resilience().pauseMax(), new Random()));
        metrics.pause(() -> workers.state().pausedUntil(), options.clock());
        workers.start();
    }

    private void startHttp(Options options) {
        vertx = Vertx.vertx();
        web = WebServer.start(vertx, this, options, ctx -> adminGuard != null && adminGuard.authenticated(ctx));
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
        return Problem.of(503, "admin-api-disabled", "Admin API disabled", "set ONCESYNC_ADMIN_TOKEN to enable it")::send;
    }

    /** The admin routes mounted by modules, as "METHOD /path", for the demo's and serve's start-up message. */
    public List<String> adminRoutes() {
        return web.adminRoutes();
    }

    @Override
    public Optional<BookingCalendars> bookingCalendars() {
        return oncehub.map(OnceHubService::bookingCalendars);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The OnceHub side (subscription watcher, reconciliation) when an API key is configured or stored. */
    @Override
    public Optional<OnceHubService> oncehub() {
        return oncehub;
    }

    @Override
    public int port() {
        return web == null ? 0 : web.port();
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
