package io.oncesync.server.admin;

import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.server.http.Problem;
import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.inbox.Deliveries;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.PipelineState;
import io.oncesync.server.work.WorkerPool;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The admin API under {@code /admin}, behind the bearer-token guard: one routes class per resource, mounted here in
 * one place — {@link DeliveryRoutes}, {@link DryRunRoutes}, {@link RuleRoutes}, {@link SchemaRoutes},
 * {@link ConnectionRoutes}, {@link AuditRoutes} ({@link SyncRoutes} is mounted by {@link AdminModule}, only where
 * workers run). JSON in and out; errors are RFC 9457 problem documents; lists page newest first with {@code limit}
 * and {@code before} (a {@code next} link is given). Every change (replay, reload, upload — refused attempts
 * included) is written to the audit log with the actor. All blocking work (database, Salesforce, compiling rules)
 * runs off the event loop.
 */
public final class AdminRoutes {
    /** The largest request body: an upload of every DRL file fits easily. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /** The Salesforce side as the admin API sees it; {@link #of(SalesforceGateway)} in production. */
    public record Org(CandidateLookup lookup, OrgMetadataSource metadata, Supplier<SalesforceGateway.Status> status,
                      Supplier<PipelineState> sync) {
        public Org {
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(sync, "sync");
        }

        /** Without workers (tools, tests): syncing is never shown as paused. */
        public Org(CandidateLookup lookup, OrgMetadataSource metadata, Supplier<SalesforceGateway.Status> status) {
            this(lookup, metadata, status, () -> new PipelineState(null, null, 0));
        }

        public static Org of(SalesforceGateway gateway) {
            return new Org(gateway.candidateLookup(), gateway.metadata(), gateway::status);
        }

        public static Org of(SalesforceGateway gateway, WorkerPool workers) {
            return new Org(gateway.candidateLookup(), gateway.metadata(), gateway::status, workers::state);
        }
    }

    private final Handler<RoutingContext> auth;
    private final DeliveryRoutes deliveries;
    private final DryRunRoutes dryRun;
    private final RuleRoutes rules;
    private final SchemaRoutes schema;
    private final ConnectionRoutes connection;
    private final AuditRoutes audit;

    public AdminRoutes(Handler<RoutingContext> auth, InboxStore inbox, Deliveries deliveries, AuditLog audit, BookingLedger ledger,
                       LiveRules rules, Org org) {
        this.auth = Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(org, "org");
        AdminAudit audited = new AdminAudit(audit);
        this.deliveries = new DeliveryRoutes(inbox, deliveries, audited, org.sync());
        this.dryRun = new DryRunRoutes(org, ledger, rules);
        this.rules = new RuleRoutes(rules, org.metadata(), audited);
        this.schema = new SchemaRoutes(org.metadata());
        this.connection = new ConnectionRoutes(org.status(), org.sync());
        this.audit = new AuditRoutes(audit);
    }

    /** Mounts every admin route on {@code router}; anything else under {@code /admin} is a 404 problem. */
    public void mount(Router router) {
        router.route("/admin/*").handler(auth);
        router.route("/admin/*").handler(AdminRoutes::rawBodies);
        router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        deliveries.mount(router);
        dryRun.mount(router);
        rules.mount(router);
        schema.mount(router);
        connection.mount(router);
        audit.mount(router);
        router.route("/admin/*").handler(ctx -> Problem.of(404, "not-found", "No such admin endpoint",
                ctx.request().method() + " " + ctx.request().path() + " is not part of the admin API").send(ctx));
    }

    /**
     * The admin API takes JSON (or a raw webhook body) whatever the Content-Type says: {@code curl -d} sends
     * {@code application/x-www-form-urlencoded}, which the body handler would otherwise decode as a form and drop.
     */
    private static void rawBodies(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && (type.contains("x-www-form-urlencoded") || type.contains("multipart/"))) {
            ctx.request().headers().set("Content-Type", "application/octet-stream");
        }
        ctx.next();
    }
}
