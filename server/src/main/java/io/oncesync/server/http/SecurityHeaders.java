package io.oncesync.server.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response, added just before the headers are written and only where the route did not set
 * its own, so a later handler (the console's pages with their own Content-Security-Policy, say) overrides them:
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer},
 * {@code Cache-Control: no-store} (admin answers, tokens and guests' data must not be cached anywhere), a
 * {@code Content-Security-Policy} of {@code default-src 'none'; frame-ancestors 'none'} on everything that is not
 * HTML (API answers are never meant to render), and {@code Strict-Transport-Security} when the request came over
 * HTTPS. No CORS headers are ever sent: browsers on other origins cannot call the API.
 */
public final class SecurityHeaders {
    public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    public static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {
    }

    /** Installs the headers on every route of {@code router}; call before any other route is added. */
    public static void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::handle);
    }

    static void handle(RoutingContext ctx) {
        boolean https = ctx.request().isSSL();
        ctx.addHeadersEndHandler(v -> apply(ctx.response().headers(), https));
        ctx.next();
    }

    static void apply(MultiMap headers, boolean https) {
        putIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        putIfAbsent(headers, "X-Frame-Options", "DENY");
        putIfAbsent(headers, "Referrer-Policy", "no-referrer");
        putIfAbsent(headers, "Cache-Control", "no-store");
        String type = headers.get("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")) {
            putIfAbsent(headers, "Content-Security-Policy", API_CSP);
        }
        if (https) {
            putIfAbsent(headers, "Strict-Transport-Security", HSTS);
        }
    }

    private static void putIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
