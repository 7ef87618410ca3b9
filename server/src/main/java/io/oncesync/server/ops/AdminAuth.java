package io.oncesync.server.ops;

import io.oncesync.server.config.Secret;
import io.oncesync.server.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin API with a bearer token: no or malformed {@code Authorization} → 401 with a
 * {@code WWW-Authenticate} challenge; a wrong token → 403. The token is compared in constant time and never
 * logged. On success the request carries the authenticated identity for the audit log under {@link #ACTOR}:
 * {@value #PRINCIPAL} and the peer address of the connection, e.g. {@code admin-token@10.0.0.5}. Whatever the client
 * says about itself ({@code X-Oncesync-Actor}) is never the actor: it is kept, sanitized and clearly labelled as an
 * unverified note under {@link #ACTOR_NOTE}, which the audit log stores in the entry's detail.
 */
public final class AdminAuth implements Handler<RoutingContext> {
    /** Routing-context key of the authenticated actor. */
    public static final String ACTOR = "oncesync.actor";
    /** Routing-context key of the client's own, unverified, sanitized {@code X-Oncesync-Actor} (absent when not sent). */
    public static final String ACTOR_NOTE = "oncesync.actor.note";
    /** Who holds the admin token: the only identity this guard can vouch for. */
    public static final String PRINCIPAL = "admin-token";

    private final byte[] token;

    public AdminAuth(Secret token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the admin token is empty; the admin API cannot be served without one");
        }
        this.token = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    /** True when the request carries the admin token; answers nothing (for routes that show more to admins). */
    public boolean authenticated(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"oncesync-admin\"");
            Problem.untyped(401, "Authentication required", "send Authorization: Bearer <ONCESYNC_ADMIN_TOKEN>").send(ctx);
            return;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            Problem.untyped(403, "Forbidden", "the bearer token is not the admin token").send(ctx);
            return;
        }
        ctx.put(ACTOR, PRINCIPAL + "@" + ctx.request().remoteAddress().host());
        String claimed = ctx.request().getHeader("X-Oncesync-Actor");
        String note = claimed == null ? "" : sanitize(claimed);
        if (!note.isBlank()) {
            ctx.put(ACTOR_NOTE, note);
        }
        ctx.next();
    }

    private static String sanitize(String s) {
        String t = s.replaceAll("[^\\p{L}\\p{N}@._ -]", "");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }

}
