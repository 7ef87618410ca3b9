package io.oncesync.server.admin;

import io.oncesync.server.app.AppServices;
import io.oncesync.server.app.RouteModule;
import io.vertx.ext.web.Router;

/**
 * Plugs the admin API into {@code serve} and {@code demo} (registered in
 * {@code META-INF/services/io.oncesync.server.app.RouteModule}).
 */
public final class AdminModule implements RouteModule {
    @Override
    public void mount(Router router, AppServices app) {
        LiveRules rules = new LiveRules(LiveRules.of(app.policies(), app.rulePublisher()), app.policies().source().rulesDir(),
                app.config().rules().uploadEnabled(), app.clock());
        if (app.workers() != null) {
            new SyncRoutes(app.adminGuard(), app.workers(), app.database().audit()).mount(router);
        }
        new OnceHubRoutes(app.adminGuard(), app.oncehub(), app.database().audit()).mount(router, "/admin/oncehub");
        AdminRoutes.Org org = app.workers() == null ? AdminRoutes.Org.of(app.gateway())
                : AdminRoutes.Org.of(app.gateway(), app.workers());
        new AdminRoutes(app.adminGuard(), app.inbox(), app.database().deliveries(), app.database().audit(),
                app.ledger(), rules, org).mount(router);
    }
}
