package io.oncesync.server.admin;

import static io.oncesync.server.admin.AdminHttp.blocking;

import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.PipelineState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /admin/connection}: the Salesforce connection (state, org, who connected, API requests used today) and
 * whether syncing runs or is paused. Connecting itself is the connect flow's ({@code /connect/salesforce}).
 */
final class ConnectionRoutes {
    private final Supplier<SalesforceGateway.Status> status;
    private final Supplier<PipelineState> sync;

    ConnectionRoutes(Supplier<SalesforceGateway.Status> status, Supplier<PipelineState> sync) {
        this.status = Objects.requireNonNull(status, "status");
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    void mount(Router router) {
        router.get("/admin/connection").handler(this::connection);
    }

    private void connection(RoutingContext ctx) {
        blocking(ctx, () -> AdminJson.status(status.get()).put("sync", AdminJson.sync(sync.get())));
    }
}
