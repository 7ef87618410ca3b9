package io.oncesync.server.admin;

import static io.oncesync.server.admin.AdminHttp.badRequest;
import static io.oncesync.server.admin.AdminHttp.blocking;
import static io.oncesync.server.admin.AdminHttp.enumValue;
import static io.oncesync.server.admin.AdminHttp.limit;
import static io.oncesync.server.admin.AdminHttp.longParam;
import static io.oncesync.server.admin.AdminHttp.next;
import static io.oncesync.server.admin.AdminHttp.param;

import io.oncesync.engine.oncehub.IdentityKeys;
import io.oncesync.server.http.ApiProblem;
import io.oncesync.server.inbox.Deliveries;
import io.oncesync.server.inbox.DeliveryFilter;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.work.PipelineState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The inbox's deliveries: {@code GET /admin/deliveries} (filter by status, guest, booking; newest first),
 * {@code GET /admin/deliveries/:id} (by inbox id or OnceHub event id, with the error and the decision trace),
 * {@code POST /admin/deliveries/:id/replay} and {@code POST /admin/deliveries/replay-failed}. Replays are audited.
 */
final class DeliveryRoutes {
    private final InboxStore inbox;
    private final Deliveries deliveries;
    private final AdminAudit audit;
    private final Supplier<PipelineState> sync;

    DeliveryRoutes(InboxStore inbox, Deliveries deliveries, AdminAudit audit, Supplier<PipelineState> sync) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    void mount(Router router) {
        router.get("/admin/deliveries").handler(this::list);
        router.post("/admin/deliveries/replay-failed").handler(this::replayAllFailed);
        router.get("/admin/deliveries/:id").handler(this::delivery);
        router.post("/admin/deliveries/:id/replay").handler(this::replayOne);
    }

    private void list(RoutingContext ctx) {
        DeliveryFilter filter;
        try {
            Optional<InboxStatus> status = param(ctx, "status").map(s -> enumValue(InboxStatus.class, "status", s));
            Optional<String> guest = param(ctx, "guest").map(DeliveryRoutes::guestKey);
            filter = new DeliveryFilter(status, guest, param(ctx, "booking"), longParam(ctx, "before"), limit(ctx));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            List<InboxEntry> page = deliveries.search(filter);
            PipelineState state = sync.get();
            JsonArray items = new JsonArray();
            page.forEach(e -> items.add(AdminJson.summary(e, state)));
            return new JsonObject().put("items", items).put("next", next(ctx, page.size() == filter.limit()
                    ? page.get(page.size() - 1).id() : null));
        });
    }

    private void delivery(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> find(id).map(e -> AdminJson.detail(e, sync.get())).orElseThrow(() -> notFound(id)));
    }

    private void replayOne(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Actor.of(ctx);
        blocking(ctx, () -> {
            InboxEntry e = find(id).orElseThrow(() -> notFound(id));
            if (!replayable(e.status()) || !inbox.replay(e.id())) {
                audit.record(actor, "replay", "delivery " + e.id(), "refused", "status was " + e.status());
                throw new ApiProblem(409, "not-replayable", "Delivery cannot be replayed",
                        "delivery " + e.id() + " (" + e.eventId() + ") is " + e.status() + "; failed (DEAD) and waiting"
                                + " (RECEIVED, RETRY) deliveries are replayed");
            }
            boolean waiting = e.status() != InboxStatus.DEAD;
            audit.record(actor, "replay", "delivery " + e.id(), "ok", e.eventId() + (waiting ? " is queued now" : " is due again"));
            return new JsonObject().put("id", e.id()).put("eventId", e.eventId()).put("replayed", true)
                    .put("queued", true).put("previousStatus", e.status().name());
        });
    }

    /** A dead letter is revived; a waiting event (e.g. held by a pause) is queued now; the rest are refused. */
    static boolean replayable(InboxStatus status) {
        return status == InboxStatus.DEAD || status == InboxStatus.RECEIVED || status == InboxStatus.RETRY;
    }

    private void replayAllFailed(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        blocking(ctx, () -> {
            int n = inbox.replayAllDead();
            audit.record(actor, "replay-all-failed", "deliveries", "ok", n + " failed deliveries are due again");
            return new JsonObject().put("replayed", n);
        });
    }

    /** By inbox id (digits) or by OnceHub event id. */
    private Optional<InboxEntry> find(String id) {
        if (id.matches("\\d{1,18}")) {
            return inbox.find(Long.parseLong(id));
        }
        return inbox.findByEventId(id);
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "not-found", "No such delivery", "no delivery with inbox id or event id \"" + id + "\"");
    }

    /** The guest filter as the inbox keys guests: a normalised email, or a phone number's digits. */
    static String guestKey(String guest) {
        String key = guest.contains("@") ? IdentityKeys.email(guest) : IdentityKeys.phoneDigits(guest);
        if (key == null) {
            throw new IllegalArgumentException("guest must be an email address or a phone number, got \"" + guest + "\"");
        }
        return key;
    }
}
