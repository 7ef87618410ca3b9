package io.oncesync.server.salesforce.connect;

import io.oncesync.server.http.Problem;
import io.oncesync.server.salesforce.SalesforceGateway;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Objects;

/**
 * The Connect pop-up's routes. {@code GET /connect/salesforce[?host=production|sandbox|https://…my.salesforce.com]}
 * redirects to Salesforce's authorize page ({@code POST} returns the URL as JSON instead);
 * {@code GET /connect/salesforce/callback} finishes the flow; {@code GET /connect/salesforce/status} tells who
 * connected, when, and whether a reconnect is needed. Starting a connect and the status sit behind the admin
 * guard; the callback is protected by the one-time {@code state} instead (the browser comes from Salesforce).
 * Salesforce calls run on a worker thread, never on the event loop.
 */
public final class ConnectRoutes {
    private final SalesforceGateway gateway;
    private final Handler<RoutingContext> adminGuard;

    public ConnectRoutes(SalesforceGateway gateway, Handler<RoutingContext> adminGuard) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.adminGuard = Objects.requireNonNull(adminGuard, "adminGuard");
    }

    public void mount(Router router) {
        router.get("/connect/salesforce").handler(adminGuard).handler(ctx -> start(ctx, true));
        router.post("/connect/salesforce").handler(adminGuard).handler(ctx -> start(ctx, false));
        router.get("/connect/salesforce/callback").handler(this::callback);
        router.get("/connect/salesforce/status").handler(adminGuard).handler(this::status);
    }

    private void start(RoutingContext ctx, boolean redirect) {
        URI url;
        try {
            String host = ctx.request().getParam("host");
            url = host == null || host.isBlank() ? gateway.connector().beginConnect()
                    : gateway.connector().beginConnect(LoginHost.parse(host));
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "bad-login-host", "Bad login host", e.getMessage());
            return;
        }
        if (redirect) {
            ctx.response().setStatusCode(302).putHeader("Location", url.toString()).end();
        } else {
            ctx.json(new JsonObject().put("authorizeUrl", url.toString()));
        }
    }

    private void callback(RoutingContext ctx) {
        String state = ctx.request().getParam("state");
        String code = ctx.request().getParam("code");
        String error = ctx.request().getParam("error");
        String description = ctx.request().getParam("error_description");
        ctx.vertx().executeBlocking(() -> gateway.accept(
                gateway.connector().completeConnect(state, code, error, description)), false).onComplete(ar -> {
                    if (ar.failed()) {
                        problem(ctx, 503, "salesforce-unavailable", "Salesforce unavailable",
                                String.valueOf(ar.cause().getMessage()));
                        return;
                    }
                    if (fromBrowser(ctx)) {
                        backToConsole(ctx, ar.result());
                        return;
                    }
                    if (ar.result() instanceof ConnectResult.Connected c) {
                        ctx.json(new JsonObject().put("connected", true).put("org", c.connection().orgId())
                                .put("user", c.connection().username())
                                .put("connectedAt", c.connection().connectedAt().toString()));
                    } else {
                        ConnectResult.Refused r = (ConnectResult.Refused) ar.result();
                        int status = r.reason() == ConnectResult.Reason.NOT_AN_ADMINISTRATOR ? 403 : 400;
                        problem(ctx, status, refusal(r.reason()), "Not connected", r.message());
                    }
                });
    }

    /** A browser navigating back from Salesforce (not an API client asking for JSON). */
    private static boolean fromBrowser(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** Sends the browser back to the console's connection page with the result (nothing secret in the URL). */
    private static void backToConsole(RoutingContext ctx, ConnectResult result) {
        String query = result instanceof ConnectResult.Connected ? "connect=ok"
                : "connect=refused&reason=" + ((ConnectResult.Refused) result).reason().name() + "&message="
                + java.net.URLEncoder.encode(((ConnectResult.Refused) result).message(), java.nio.charset.StandardCharsets.UTF_8);
        ctx.response().setStatusCode(302).putHeader("Location", "/console/connection?" + query).end();
    }

    private void status(RoutingContext ctx) {
        ctx.vertx().executeBlocking(gateway::status, false).onComplete(ar -> {
            if (ar.failed()) {
                problem(ctx, 500, "status-unavailable", "Status unavailable", String.valueOf(ar.cause().getMessage()));
                return;
            }
            SalesforceGateway.Status s = ar.result();
            JsonObject body = new JsonObject().put("state", s.state().name()).put("detail", s.detail())
                    .put("apiRequestsUsed", s.usage().current()).put("apiRequestsLimit", s.usage().limit());
            s.connection().ifPresent(c -> body.put("org", c.orgId()).put("organizationName", c.organizationName())
                    .put("connectedBy", c.username()).put("connectedAt", c.connectedAt().toString())
                    .put("loginHost", c.loginHost().uri().toString()).put("sandbox", c.loginHost().isSandbox()));
            ctx.json(body);
        });
    }

    private static void problem(RoutingContext ctx, int status, String name, String title, String detail) {
        Problem.of(status, name, title, detail).send(ctx);
    }

    /**
     * The problem type of a refused connect (not-an-administrator, unknown-or-expired-state, authorization-denied,
     * token-refused), so a client tells a standard user from a stale or denied consent.
     */
    static String refusal(ConnectResult.Reason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
