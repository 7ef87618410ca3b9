package io.oncesync.server.app;

import io.vertx.ext.web.Router;

/**
 * Routes another part of oncesync adds to the one HTTP server (the admin API, for example). Mounted once at start,
 * after the webhook, ops and connect routes; {@code app} gives the inbox, rules, gateway and metrics to build them
 * from. Handlers must not block the event loop: run database and Salesforce work with
 * {@code ctx.vertx().executeBlocking(...)}; guard admin routes with {@link AppServices#adminGuard()}.
 */
@FunctionalInterface
public interface RouteModule {
    void mount(Router router, AppServices app);
}
