package io.oncesync.server.ops;

import io.oncesync.server.config.Secret;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin API with a bearer token: no or malformed {@code Authorization} → 401 with a
 * {@code WWW-Authenticate} challenge; a wrong token → 403. The token is compared in constant time and never
 * logged. On success the request carries the actor name for the audit log under {@link #ACTOR}.
 */
public final class AdminAuth implements Handler<RoutingContext> {
    /** Routing-context key of the authenticated actor. */
    public static final String ACTOR = "oncesync.actor";

    private final byte[] token;

    public AdminAuth(Secret token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the admin token is empty; the admin API cannot be served without one");
        }
        this.token = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"oncesync-admin\"");
            problem(ctx, 401, "Authentication required", "send Authorization: Bearer <ONCESYNC_ADMIN_TOKEN>");
            return;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            problem(ctx, 403, "Forbidden", "the bearer token is not the admin token");
            return;
        }
        String claimed = ctx.request().getHeader("X-Oncesync-Actor");
        String actor = "admin" + (claimed == null || claimed.isBlank() ? "" : ":" + sanitize(claimed));
        ctx.put(ACTOR, actor + "@" + ctx.request().remoteAddress().host());
        ctx.next();
    }

    private static String sanitize(String s) {
        String t = s.replaceAll("[^\\p{L}\\p{N}@._ -]", "");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }

    /** Writes an RFC 9457 problem document. */
    static void problem(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }
}
