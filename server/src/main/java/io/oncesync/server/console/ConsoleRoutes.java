package io.oncesync.server.console;

import io.oncesync.server.http.ApiProblem;
import io.oncesync.server.inbox.AuditLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sign-in, sign-out, the session and the pages. Pages are one HTML shell each ({@code /console/settings}, …) that
 * load their ES module; the sign-in page and the assets are the only console paths served without a session.
 * The sign-in link a demo prints carries the token in the URL fragment ({@code /console/sign-in#token=…}), which
 * browsers never send to the server, so it is in no access log; the page posts it and drops it from the address bar.
 */
final class ConsoleRoutes {
    /** The pages, in navigation order, with their titles. */
    static final Map<String, String> PAGES = new java.util.LinkedHashMap<>();

    static {
        PAGES.put("dashboard", "Dashboard");
        PAGES.put("settings", "Settings");
        PAGES.put("connection", "Connection");
        PAGES.put("deliveries", "Deliveries");
        PAGES.put("rules", "Rules");
        PAGES.put("audit", "Audit");
    }

    private final ConsoleSessions sessions;
    private final Map<String, Authenticator> authenticators;
    private final ConsoleGuard guard;
    private final ConsoleAssets assets;
    private final AuditLog audit;
    private final SignInThrottle throttle;

    ConsoleRoutes(ConsoleSessions sessions, List<Authenticator> authenticators, ConsoleGuard guard, ConsoleAssets assets,
                  AuditLog audit, SignInThrottle throttle) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.authenticators = authenticators.stream().collect(Collectors.toMap(Authenticator::method, Function.identity()));
        this.guard = guard;
        this.assets = assets;
        this.audit = audit;
    }

    /** A sign-in body holds one token: anything longer is refused (413) before it is buffered. */
    static final int SIGN_IN_BODY_BYTES = 8 * 1024;

    void mountPublic(Router router) {
        router.get("/console").handler(ctx -> redirect(ctx, "/console/settings"));
        router.get("/console/").handler(ctx -> redirect(ctx, "/console/settings"));
        router.get("/console/sign-in").handler(ctx -> assets.serve(ctx, "oncesync/console/", "sign-in.html"));
        router.get("/console/assets/*").handler(ctx -> assets.serve(ctx, "oncesync/console/assets/",
                ctx.request().path().substring("/console/assets/".length())));
        router.get("/console/vendor/*").handler(ctx -> assets.serve(ctx, "META-INF/resources/webjars/",
                ctx.request().path().substring("/console/vendor/".length())));
        router.post("/console/api/sign-in").handler(BodyHandler.create(false).setBodyLimit(SIGN_IN_BODY_BYTES))
                .handler(this::signIn);
    }

    void mountGuarded(Router router) {
        for (String page : PAGES.keySet()) {
            router.get("/console/" + page).handler(guard::page).handler(ctx -> page(ctx, page));
        }
        router.get("/console/api/session").handler(this::session);
        router.post("/console/api/sign-out").handler(this::signOut);
    }

    private void signIn(RoutingContext ctx) {
        Optional<JsonObject> body = ConsoleHttp.jsonBody(ctx);
        String method = body.map(b -> b.getString("method", AdminTokenAuthenticator.METHOD)).orElse(null);
        Authenticator a = method == null ? null : authenticators.get(method);
        if (a == null) {
            ConsoleGuard.problem(ctx, 400, "bad-request", "Bad sign-in request", "post {\"method\": \"admin-token\", "
                    + "\"token\": \"…\"}; methods: " + authenticators.keySet());
            return;
        }
        String from = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
        if (throttle.blocked(from)) {
            ctx.response().putHeader("Retry-After", Long.toString(SignInThrottle.WINDOW.toSeconds()));
            ConsoleGuard.problem(ctx, 429, "too-many-sign-ins", "Too many failed sign-ins",
                    SignInThrottle.MAX_FAILURES + " failed sign-ins from " + from + "; wait a few minutes");
            return;
        }
        ConsoleHttp.blocking(ctx, () -> {
            Optional<String> identity = a.authenticate(body.get());
            if (identity.isEmpty()) {
                throttle.failed(from);
                audit.record("console:unknown@" + from, "console.sign-in", method, "refused", "wrong credentials");
                throw new ApiProblem(403, "wrong-credentials", "Not signed in", "that is not the admin token");
            }
            throttle.succeeded(from);
            ConsoleSessions.Session s = sessions.open(identity.get());
            audit.record(identity.get(), "console.sign-in", method, "ok", "from " + from);
            ctx.response().addCookie(ConsoleGuard.cookie(ctx, s.id()));
            return sessionJson(s);
        });
    }

    private void signOut(RoutingContext ctx) {
        ConsoleSessions.Session s = ConsoleGuard.current(ctx);
        sessions.close(s.id());
        ctx.response().addCookie(ConsoleGuard.cookie(ctx, "").setMaxAge(0));
        ConsoleHttp.blocking(ctx, () -> {
            audit.record(s.identity(), "console.sign-out", "", "ok", "");
            return new JsonObject().put("signedOut", true);
        });
    }

    private void session(RoutingContext ctx) {
        ctx.json(sessionJson(ConsoleGuard.current(ctx)));
    }

    private JsonObject sessionJson(ConsoleSessions.Session s) {
        JsonArray pages = new JsonArray();
        PAGES.forEach((k, v) -> pages.add(new JsonObject().put("path", "/console/" + k).put("title", v)));
        return new JsonObject().put("identity", s.identity()).put("csrf", s.csrf())
                .put("idleSeconds", sessions.idle().toSeconds()).put("pages", pages);
    }

    private void page(RoutingContext ctx, String page) {
        Optional<Buffer> shell = assets.read("oncesync/console/page.html");
        if (shell.isEmpty()) {
            ctx.response().setStatusCode(500).end("the console's page.html is missing from the jar");
            return;
        }
        String html = shell.get().toString(StandardCharsets.UTF_8).replace("{{page}}", page)
                .replace("{{title}}", PAGES.get(page));
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(302).putHeader("Location", to).end();
    }
}
