package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InstanceRegistry;
import io.oncesync.server.inbox.Signals;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.WorkerPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership of a group of instances sharing one PostgreSQL database: it registers, heartbeats every
 * second from the moment it joins (freeing the claims of instances that stopped), keeps the rules on the newest shared version, and turns the
 * database's signals into action here (new work wakes the workers, a new rules version is put in force, a changed
 * Salesforce connection makes the gateway reopen it). {@link #leave()} at a clean shutdown.
 */
final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final InboxDatabase db;
    private final InstanceRegistry registry;
    private final SharedPolicies policies;
    private final SharedConnectionStore connections;
    private final SyncMetrics metrics;
    private final AtomicInteger live = new AtomicInteger(1);
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "oncesync-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private Cluster(InboxDatabase db, Policies policies, SyncMetrics metrics) {
        this.db = db;
        this.registry = db.instances();
        this.policies = new SharedPolicies(policies, db.sharedRules(), db.instanceId().id());
        this.connections = new SharedConnectionStore(db.sharedState());
        this.metrics = metrics;
    }

    /**
     * Joins: registers this instance and puts the shared rules in force (seeding them from this instance's rules when
     * the database has none), and moves {@code previousConnections}' org into the database if it has none.
     */
    static Cluster join(InboxDatabase db, Policies policies, SyncMetrics metrics, ConnectionStore previousConnections) {
        Cluster c = new Cluster(db, policies, metrics);
        c.registry.join();
        // Heartbeats start at once: the rest of the start-up (compiling rules, connecting) may take longer than the
        // instance timeout on a busy machine.
        c.heartbeat.scheduleWithFixedDelay(c::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        c.policies.start();
        metrics.rulesVersion(policies.version());
        metrics.instances(c.live::get);
        c.connections.adoptIfEmpty(previousConnections);
        LOG.info("instance {} joined the shared database; rules version {}", db.instanceId(), policies.version());
        return c;
    }

    ConnectionStore connections() {
        return connections;
    }

    RulePublisher rules() {
        return policies;
    }

    /** Starts reacting to the other instances' signals; call once the workers and the gateway exist. */
    void run(WorkerPool workers, SalesforceGateway gateway) {
        Signals signals = db.signals();
        signals.subscribe(Signals.Topic.WORK, workers::wake);
        signals.subscribe(Signals.Topic.RULES, policies::refreshSoon);
        signals.subscribe(Signals.Topic.CONNECTION, gateway::storedConnectionChanged);
    }

    private void beat() {
        try {
            InstanceRegistry.Takeover t = registry.heartbeat(policies.version());
            if (!t.isEmpty()) {
                LOG.warn("instances {} stopped heartbeating; {} events they had claimed are free for the others",
                        t.deadInstances(), t.freedEvents());
                metrics.takenOver(t.freedEvents());
            }
            live.set(registry.live().size());
            policies.refreshSoon();
            metrics.rulesVersion(policies.version());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    /** The instances as the database sees them, for /ready. */
    List<InstanceRegistry.Instance> instances() {
        return registry.live();
    }

    /** Stops heartbeating and unregisters (after the workers released what they had not finished). */
    void leave() {
        close();
        try {
            registry.leave();
        } catch (RuntimeException e) {
            LOG.warn("could not unregister; the others will notice the missing heartbeat: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        policies.close();
    }
}
