package io.oncesync.server.admin;

import static io.oncesync.server.admin.AdminHttp.badRequest;
import static io.oncesync.server.admin.AdminHttp.blocking;
import static io.oncesync.server.admin.AdminHttp.limit;
import static io.oncesync.server.admin.AdminHttp.longParam;
import static io.oncesync.server.admin.AdminHttp.next;

import io.oncesync.server.inbox.AuditFile;
import io.oncesync.server.inbox.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit log, read-only: {@code GET /admin/audit} (newest first, paged) and {@code GET /admin/audit/:id/files}
 * (the files an entry carried: an upload's DRL text and hash, and the version it replaced).
 */
final class AuditRoutes {
    private final AuditLog audit;

    AuditRoutes(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    void mount(Router router) {
        router.get("/admin/audit").handler(this::entries);
        router.get("/admin/audit/:id/files").handler(this::files);
    }

    private void entries(RoutingContext ctx) {
        Optional<Long> before;
        int limit;
        try {
            before = longParam(ctx, "before");
            limit = limit(ctx);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            var page = audit.list(before.orElse(null), limit);
            JsonArray items = new JsonArray();
            page.forEach(a -> items.add(AdminJson.audit(a)));
            return new JsonObject().put("items", items)
                    .put("next", next(ctx, page.size() == limit ? page.get(page.size() - 1).id() : null));
        });
    }

    private void files(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            badRequest(ctx, "the audit entry id must be a number, was \"" + ctx.pathParam("id") + "\"");
            return;
        }
        blocking(ctx, () -> {
            JsonArray items = new JsonArray();
            for (AuditFile f : audit.files(id)) {
                items.add(new JsonObject().put("file", f.file()).put("sha256", f.sha256()).put("content", f.content())
                        .put("previousSha256", f.previousSha256()).put("previousContent", f.previousContent()));
            }
            return new JsonObject().put("id", id).put("files", items);
        });
    }
}
