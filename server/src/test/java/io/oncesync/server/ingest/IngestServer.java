package io.oncesync.server.ingest;

import io.oncesync.server.http.SecurityHeaders;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.work.EventProcessor;
import io.oncesync.server.work.WorkerPool;
import io.oncesync.server.work.WorkerSettings;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test fixture: HTTP ingestion, inbox and workers running together without the rest of the server, for the webhook
 * endpoint's tests and the ingest benchmark ({@code OncesyncApp} is the server's composition root).
 *
 * <pre>{@code
 * InboxDatabase db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults());
 * EventProcessor processor = ...;                       // e.g. rules + Salesforce gateway, using db.ledger()
 * IngestServer server = IngestServer.start(IngestServer.Settings.of(WebhookSettings.of(secret)), db, processor);
 * server.router().get("/health").handler(...);          // other routes share the server
 * ...
 * server.close();                                       // stop HTTP, finish or release in-flight work
 * db.close();
 * }</pre>
 */
public final class IngestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

    /**
     * @param host       the interface to listen on
     * @param port       the TCP port; 0 picks a free one (see {@link #port()})
     * @param eventLoops how many HTTP servers share the port (one event loop each)
     * @param webhook    secrets, timestamp tolerance, body limit
     * @param workers    batch size, parallelism, retries
     * @param triage     checks the envelope and extracts booking and guest keys
     * @param clock      time for signatures, the inbox and backoff
     * @param limits     connection cap, timeouts and the in-flight body budget
     */
    public record Settings(String host, int port, int eventLoops, WebhookSettings webhook, WorkerSettings workers,
                           EventTriage triage, Clock clock, HttpLimits limits) {
        public Settings {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            if (eventLoops < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1, was " + eventLoops);
            }
            Objects.requireNonNull(webhook, "webhook");
            Objects.requireNonNull(workers, "workers");
            Objects.requireNonNull(triage, "triage");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(limits, "limits");
        }

        public Settings(String host, int port, int eventLoops, WebhookSettings webhook, WorkerSettings workers,
                        EventTriage triage, Clock clock) {
            this(host, port, eventLoops, webhook, workers, triage, clock, HttpLimits.defaults());
        }

        public Settings withLimits(HttpLimits newLimits) {
            return new Settings(host, port, eventLoops, webhook, workers, triage, clock, newLimits);
        }

        public static Settings of(WebhookSettings webhook) {
            return new Settings("127.0.0.1", 0, Math.max(1, Runtime.getRuntime().availableProcessors()), webhook,
                    WorkerSettings.defaults(), new EngineTriage(Clock.systemUTC()), Clock.systemUTC());
        }

        public Settings withPort(String newHost, int newPort) {
            return new Settings(newHost, newPort, eventLoops, webhook, workers, triage, clock, limits);
        }

        public Settings withWorkers(WorkerSettings newWorkers) {
            return new Settings(host, port, eventLoops, webhook, newWorkers, triage, clock, limits);
        }

        public Settings withTriage(EventTriage newTriage) {
            return new Settings(host, port, eventLoops, webhook, workers, newTriage, clock, limits);
        }

        public Settings withClock(Clock newClock) {
            return new Settings(host, port, eventLoops, webhook, workers, triage, newClock, limits);
        }

        public Settings withEventLoops(int n) {
            return new Settings(host, port, n, webhook, workers, triage, clock, limits);
        }
    }

    private final Vertx vertx;
    private final Router router;
    private final WorkerPool workers;
    private final int port;
    private final InflightBudget budget;
    private final HttpVerticle.Gate gate;

    private IngestServer(Vertx vertx, Router router, WorkerPool workers, int port, InflightBudget budget,
                         HttpVerticle.Gate gate) {
        this.vertx = vertx;
        this.router = router;
        this.workers = workers;
        this.port = port;
        this.budget = budget;
        this.gate = gate;
    }

    /** Starts the workers, then the HTTP servers; returns once they listen. */
    public static IngestServer start(Settings settings, InboxDatabase db, EventProcessor processor) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        SecurityHeaders.install(router);
        SignatureVerifier verifier = new SignatureVerifier(settings.webhook().secrets(), settings.webhook().tolerance(),
                settings.clock());
        InflightBudget budget = WebhookRoutes.mount(router, verifier, settings.triage(), db.inbox(),
                settings.webhook().bodyLimitBytes(), settings.limits());
        WorkerPool workers = new WorkerPool(db.inbox(), processor, settings.workers(), settings.clock(), new Random());
        workers.start();
        // A negative port asks Vert.x for one random port shared by all instances (port 0 would not be shared).
        int requested = settings.port() == 0 ? -1 : settings.port();
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        HttpVerticle.Gate gate = new HttpVerticle.Gate(settings.limits().maxConnections());
        int port;
        try {
            vertx.deployVerticle(() -> {
                HttpVerticle verticle = new HttpVerticle(router, settings.host(), requested, settings.limits(), gate,
                        java.util.Optional.empty());
                verticles.add(verticle);
                return verticle;
            }, new DeploymentOptions().setInstances(settings.eventLoops())).await();
            port = verticles.get(0).actualPort();
        } catch (Throwable failure) {
            workers.close();
            vertx.close().await();
            throw failure;
        }
        LOG.info("listening on {}:{} ({} event loops)", settings.host(), port, settings.eventLoops());
        return new IngestServer(vertx, router, workers, port, budget, gate);
    }

    /** Webhook body bytes buffered right now, against the in-flight limit. */
    public InflightBudget inflight() {
        return budget;
    }

    /** HTTP connections open right now. */
    public int openConnections() {
        return gate.open();
    }

    public int port() {
        return port;
    }

    /** The router serving the webhook; mount more routes on it. */
    public Router router() {
        return router;
    }

    public Vertx vertx() {
        return vertx;
    }

    public WorkerPool workers() {
        return workers;
    }

    /** Stops accepting webhooks, lets the workers finish or release their batches, then stops Vert.x. */
    @Override
    public void close() {
        // Undeploying the HTTP verticles closes their servers: no new acknowledgements after this.
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await();
        }
        workers.close();
        vertx.close().await();
    }
}
