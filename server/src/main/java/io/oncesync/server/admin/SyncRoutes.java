package io.oncesync.server.admin;

import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.work.PipelineState;
import io.oncesync.server.work.WorkerPool;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * {@code GET /admin/sync}: whether syncing to Salesforce runs or is paused (until when, why), and
 * {@code POST /admin/sync/resume}: end a pause now, e.g. once the org's API limit was raised. Resuming is audited
 * and logged, with the authenticated actor.
 * Mounted before {@link AdminRoutes}, so each route carries the admin guard itself; the console mounts it too, behind
 * its session and CSRF check, so its Resume now is this same action.
 */
public final class SyncRoutes {
    private final Handler<RoutingContext> auth;
    private final WorkerPool workers;
    private final AdminAudit audit;

    public SyncRoutes(Handler<RoutingContext> auth, WorkerPool workers, AuditLog audit) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.audit = new AdminAudit(Objects.requireNonNull(audit, "audit"));
    }

    public void mount(Router router) {
        router.get("/admin/sync").handler(auth).handler(this::status);
        router.post("/admin/sync/resume").handler(auth).handler(this::resume);
    }

    private void status(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(AdminJson.sync(workers.state()).encode());
    }

    private void resume(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        AdminHttp.blocking(ctx, () -> {
            PipelineState before = workers.state();
            boolean wasPaused = workers.resume();
            audit.record(actor, "sync.resume", "pipeline", "ok", wasPaused
                    ? "ended the pause until " + before.pausedUntil() + " (" + before.pauseReason() + ")"
                    : "syncing was not paused");
            return new JsonObject().put("resumed", wasPaused).put("sync", AdminJson.sync(workers.state()));
        });
    }
}
