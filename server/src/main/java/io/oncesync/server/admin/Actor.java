package io.oncesync.server.admin;

import io.oncesync.server.ops.AdminAuth;
import io.vertx.ext.web.RoutingContext;

/**
 * Who made an admin change: the identity the guard authenticated, and the client's own unverified
 * {@code X-Oncesync-Actor} note or null.
 */
record Actor(String identity, String note) {
    static Actor of(RoutingContext ctx) {
        String a = ctx.get(AdminAuth.ACTOR);
        return new Actor(a == null ? AdminAuth.PRINCIPAL : a, ctx.get(AdminAuth.ACTOR_NOTE));
    }
}
