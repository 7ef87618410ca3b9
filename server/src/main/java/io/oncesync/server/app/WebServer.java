package io.oncesync.server.app;

import io.oncesync.server.config.Config;
import io.oncesync.server.http.Problem;
import io.oncesync.server.http.SecurityHeaders;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.ingest.HttpLimits;
import io.oncesync.server.ingest.HttpVerticle;
import io.oncesync.server.ingest.SecretSource;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.WebhookRoutes;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.ops.OpsRoutes;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.connect.ConnectRoutes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The one HTTP server: one router with the security headers, the webhook route (metered), {@code /health},
 * {@code /ready}, {@code /metrics}, the Salesforce connect routes and then the {@link RouteModule}s, served by one
 * {@link HttpVerticle} per event loop sharing the port and the connection limit.
 */
final class WebServer {
    private final Router router;
    private final int port;

    private WebServer(Router router, int port) {
        this.router = router;
        this.port = port;
    }

    /**
     * Mounts every route and listens; returns once the port is bound.
     *
     * @param isAdmin whether a request carries the admin token (for {@code /ready}'s details)
     */
    static WebServer start(Vertx vertx, OncesyncApp app, OncesyncApp.Options options, Predicate<RoutingContext> isAdmin) {
        Config config = app.config();
        Router router = Router.router(vertx);
        SecurityHeaders.install(router);
        HttpLimits limits = new HttpLimits(config.http().maxConnections(), config.http().idleTimeout(),
                config.http().requestTimeout(), config.webhooks().maxInflightBytes());
        router.route(WebhookRoutes.PATH).handler(ctx -> metered(ctx, app.metrics()));
        List<WebhookSecret> secrets = config.webhooks().secrets().stream().map(s -> new WebhookSecret(s.reveal())).toList();
        if (secrets.isEmpty() && app.oncehub().isEmpty()) {
            router.post(WebhookRoutes.PATH).handler(Problem.of(503, "webhooks-not-configured", "Webhooks not configured",
                    "set ONCESYNC_WEBHOOK_SECRETS, or ONCESYNC_ONCEHUB_API_KEY to let oncesync manage the subscription")::send);
        } else {
            SecretSource source = app.oncehub().<SecretSource>map(OnceHubService::secrets).orElse(SecretSource.fixed(secrets));
            WebhookRoutes.mount(router, new SignatureVerifier(source, config.webhooks().tolerance(), options.clock()),
                    new EngineTriage(options.clock()), app.inbox(), config.webhooks().maxBodyBytes(), limits);
        }
        new OpsRoutes(app.metrics(), app.readiness(), isAdmin).mount(router);
        new ConnectRoutes(app.gateway(), app.adminGuard()).mount(router);
        for (RouteModule module : options.modules()) {
            module.mount(router, app);
        }
        int requested = config.http().port() == 0 ? -1 : config.http().port();
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        HttpVerticle.Gate gate = new HttpVerticle.Gate(limits.maxConnections());
        Optional<HttpVerticle.Tls> tls = config.http().https() ? Optional.of(new HttpVerticle.Tls(
                config.http().tlsCertificate().orElseThrow(), config.http().tlsKey().orElseThrow())) : Optional.empty();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(router, config.http().host(), requested, limits, gate, tls);
            verticles.add(v);
            return v;
        }, new DeploymentOptions().setInstances(options.eventLoops())).await();
        return new WebServer(router, verticles.get(0).actualPort());
    }

    /** Counts a refused webhook (4xx) or times an acknowledged one. */
    private static void metered(RoutingContext ctx, SyncMetrics metrics) {
        long started = System.nanoTime();
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status >= 400 && status < 500) {
                metrics.delivery(SyncMetrics.Delivery.REJECTED);
            } else if (status < 300) {
                metrics.acceptLatency(Duration.ofNanos(System.nanoTime() - started));
            }
        });
        ctx.next();
    }

    int port() {
        return port;
    }

    /** The admin routes mounted, as "METHOD /path". */
    List<String> adminRoutes() {
        List<String> out = new ArrayList<>();
        for (Route r : router.getRoutes()) {
            String path = r.getPath();
            if (path != null && path.startsWith("/admin")) {
                String methods = r.methods() == null || r.methods().isEmpty() ? "ANY"
                        : String.join(",", r.methods().stream().map(Object::toString).sorted().toList());
                String line = methods + " " + path;
                if (!out.contains(line)) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
