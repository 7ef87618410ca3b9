package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.inbox.InstanceRegistry;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.ops.Readiness;
import io.oncesync.server.salesforce.ApiUsage;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.PipelineState;
import io.oncesync.server.work.WorkerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /ready} checks. Only what accepting webhooks needs gates readiness — the database (it can be written)
 * and the rules (they compiled); Salesforce, the other instances and OnceHub show as degraded without taking this
 * instance out of the load balancer, because webhooks are still stored while they are away.
 */
final class ReadinessChecks {
    private final InboxDatabase db;
    private final InboxStore inbox;
    private final Policies policies;
    private final Cluster cluster;
    private final SalesforceGateway gateway;
    private final Supplier<WorkerPool> workers;

    private ReadinessChecks(InboxDatabase db, InboxStore inbox, Policies policies, Cluster cluster,
                            SalesforceGateway gateway, Supplier<WorkerPool> workers) {
        this.db = db;
        this.inbox = inbox;
        this.policies = policies;
        this.cluster = cluster;
        this.gateway = gateway;
        this.workers = workers;
    }

    /**
     * @param cluster null on SQLite (one instance)
     * @param workers the workers once started, else null
     */
    static Readiness of(InboxDatabase db, InboxStore inbox, Policies policies, Cluster cluster, SalesforceGateway gateway,
                        Supplier<WorkerPool> workers, Optional<OnceHubService> oncehub) {
        ReadinessChecks c = new ReadinessChecks(db, inbox, policies, cluster, gateway, workers);
        List<Readiness.Check> checks = new ArrayList<>(List.of(
                new Readiness.Check("database", c::database),
                new Readiness.Check("rules", c::rules),
                new Readiness.Check("salesforce", c::salesforce, false)));
        if (cluster != null) {
            checks.add(new Readiness.Check("instances", c::instances, false));
        }
        oncehub.ifPresent(o -> checks.add(new Readiness.Check("oncehub", o::readiness, false)));
        return new Readiness(checks);
    }

    private Readiness.Status database() {
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

    private Readiness.Status rules() {
        String from = cluster != null ? "shared version " + policies.version()
                : policies.source().rulesDir().map(Object::toString).orElse("the bundled policies");
        return Readiness.Status.up(policies.snapshot().rules().ruleNames().size() + " rules compiled from " + from);
    }

    /** On a shared database: this instance and the others, with the rules version each runs. */
    private Readiness.Status instances() {
        List<InstanceRegistry.Instance> all = cluster.instances();
        StringBuilder sb = new StringBuilder("this is ").append(db.instanceId()).append("; ").append(all.size())
                .append(" live:");
        for (var i : all) {
            sb.append(' ').append(i.id()).append(" (rules version ").append(i.rulesVersion()).append(')');
        }
        return Readiness.Status.up(sb.toString());
    }

    /** Does not gate readiness: webhooks are stored while Salesforce is away, and synced once it is back. */
    private Readiness.Status salesforce() {
        SalesforceGateway.Status s = gateway.status();
        if (s.state() != SalesforceGateway.Status.State.CONNECTED) {
            return Readiness.Status.down(s.state() + (s.detail().isBlank() ? "" : ": " + s.detail())
                    + (s.state() == SalesforceGateway.Status.State.NOT_CONNECTED ? "; connect at /connect/salesforce" : "")
                    + "; webhooks are still accepted");
        }
        WorkerPool w = workers.get();
        PipelineState state = w == null ? null : w.state();
        if (state != null && state.paused()) {
            return Readiness.Status.down("syncing paused until " + state.pausedUntil() + " (" + state.pauseReason()
                    + "); webhooks are still accepted; POST /admin/sync/resume resumes now");
        }
        ApiUsage usage = s.usage();
        String org = s.connection().map(c -> c.orgId() + " as " + c.username()).orElse("connected");
        return Readiness.Status.up(org + (usage.limit() > 0 ? "; API requests " + usage.current() + " of " + usage.limit()
                + " used today" : ""));
    }
}
