package io.oncesync.server.console;

import io.oncesync.server.http.Problem;
import io.oncesync.server.ops.AdminAuth;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The console's safety: security headers and a strict Content-Security-Policy on every console response, the
 * session cookie, and the checks in front of pages (no session → redirect to sign-in) and the console API
 * (no session → 401; a change without the session's CSRF token → 403).
 */
final class ConsoleGuard {
    static final String COOKIE = "oncesync_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "oncesync.console.session";
    /** No inline script or style, nothing from elsewhere, never framed. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleSessions sessions;

    ConsoleGuard(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /** Headers for every console response. */
    static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.request().path().startsWith("/console/assets/") && !ctx.request().path().startsWith("/console/vendor/")) {
            ctx.response().putHeader("Cache-Control", "no-store");
        }
        ctx.next();
    }

    /** Pages: the session, or a redirect to the sign-in page that comes back here. */
    void page(RoutingContext ctx) {
        Optional<ConsoleSessions.Session> s = session(ctx);
        if (s.isEmpty()) {
            String back = URLEncoder.encode(ctx.request().path(), StandardCharsets.UTF_8);
            ctx.response().setStatusCode(302).putHeader("Location", "/console/sign-in?next=" + back).end();
            return;
        }
        enter(ctx, s.get());
    }

    /** The console API: the session, and for a change its CSRF token. */
    void api(RoutingContext ctx) {
        Optional<ConsoleSessions.Session> s = session(ctx);
        if (s.isEmpty()) {
            problem(ctx, 401, "not-signed-in", "Not signed in", "sign in at /console/sign-in first (the session may have expired)");
            return;
        }
        if (!SAFE.contains(ctx.request().method()) && !s.get().csrfMatches(ctx.request().getHeader(CSRF_HEADER))) {
            problem(ctx, 403, "csrf", "Missing or wrong CSRF token",
                    "a change must carry the session's " + CSRF_HEADER + " header; reload the page and try again");
            return;
        }
        enter(ctx, s.get());
    }

    private static void enter(RoutingContext ctx, ConsoleSessions.Session s) {
        ctx.put(SESSION, s);
        ctx.put(AdminAuth.ACTOR, s.identity());
        ctx.next();
    }

    Optional<ConsoleSessions.Session> session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null ? Optional.empty() : sessions.touch(c.getValue());
    }

    /** The session cookie: HttpOnly, SameSite=Strict, limited to /console, Secure over HTTPS. */
    static Cookie cookie(RoutingContext ctx, String value) {
        return Cookie.cookie(COOKIE, value).setPath("/console").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(https(ctx));
    }

    static boolean https(RoutingContext ctx) {
        String forwarded = ctx.request().getHeader("X-Forwarded-Proto");
        return ctx.request().isSSL() || "https".equalsIgnoreCase(forwarded);
    }

    static ConsoleSessions.Session current(RoutingContext ctx) {
        return ctx.get(SESSION);
    }

    static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        Problem.of(status, type, title, detail).send(ctx);
    }
}
