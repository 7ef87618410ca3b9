package io.oncesync.server.admin;

import io.oncesync.server.http.ApiProblem;
import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.oncehub.OnceHubException;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.ReconcileReport;
import io.oncesync.server.oncehub.Subscription;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The OnceHub subscription for an admin: {@code GET base} (what {@link OnceHubJson} shows, no OnceHub call),
 * {@code POST base/watch} (one watcher pass now: a missing, disabled or misdirected subscription is re-created),
 * {@code POST base/reconcile} (one reconciliation pass now, answering its report) and {@code POST base/rotate-secret}
 * (a new signing secret; the old one accepted for the overlap window). Each POST is audited, refusals included.
 * OnceHub's refusals are problems naming the cause ({@link #problem}), never a 500. Mounted before
 * {@link AdminRoutes} at {@code /admin/oncehub} with the admin guard, and by the console at
 * {@code /console/api/oncehub} behind its session and CSRF check.
 */
public final class OnceHubRoutes {
    private final Handler<RoutingContext> auth;
    private final Optional<OnceHubService> service;
    private final AdminAudit audit;

    public OnceHubRoutes(Handler<RoutingContext> auth, Optional<OnceHubService> service, AuditLog audit) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.service = Objects.requireNonNull(service, "service");
        this.audit = new AdminAudit(audit);
    }

    public void mount(Router router, String base) {
        router.get(base).handler(auth).handler(this::status);
        router.post(base + "/watch").handler(auth).handler(this::watch);
        router.post(base + "/reconcile").handler(auth).handler(this::reconcile);
        router.post(base + "/rotate-secret").handler(auth).handler(this::rotate);
    }

    private void status(RoutingContext ctx) {
        AdminHttp.blocking(ctx, () -> service.map(OnceHubJson::status).orElseGet(OnceHubJson::notConfigured));
    }

    private void watch(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        AdminHttp.blocking(ctx, () -> {
            OnceHubService s = configured(actor, "oncehub.watch");
            OnceHubService.WatchPass pass = attempt(actor, "oncehub.watch", s::watchNow);
            String target = target(s);
            if (pass.failure().isPresent()) {
                throw refused(actor, "oncehub.watch", target, pass.failure().get());
            }
            Subscription.Health found = pass.found();
            String detail = pass.recreated().map(w -> "was " + found.state() + " (" + found.detail() + "); re-created as "
                    + w.id() + " for " + w.url()).orElse(found.state() + ": " + found.detail());
            audit.record(actor, "oncehub.watch", target, "ok", detail);
            return new JsonObject().put("found", found.state().name()).put("detail", detail)
                    .put("recreated", pass.recreated().map(OnceHubJson::webhook).orElse(null))
                    .put("oncehub", OnceHubJson.status(s));
        });
    }

    private void reconcile(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        AdminHttp.blocking(ctx, () -> {
            OnceHubService s = configured(actor, "oncehub.reconcile");
            ReconcileReport r = attempt(actor, "oncehub.reconcile", s::reconcileNow);
            audit.record(actor, "oncehub.reconcile", "bookings", "ok", r.summary());
            return new JsonObject().put("report", OnceHubJson.report(r)).put("oncehub", OnceHubJson.status(s));
        });
    }

    private void rotate(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        AdminHttp.blocking(ctx, () -> {
            OnceHubService s = configured(actor, "oncehub.rotate-secret");
            Subscription.Rotation r = attempt(actor, "oncehub.rotate-secret", s::rotateSecretNow);
            audit.record(actor, "oncehub.rotate-secret", r.webhook().id(), "ok", r.summary());
            return new JsonObject().put("webhook", OnceHubJson.webhook(r.webhook()))
                    .put("oldSecretAcceptedUntil", r.oldSecretAcceptedUntil().map(Object::toString).orElse(null))
                    .put("oncehub", OnceHubJson.status(s));
        });
    }

    private interface Call<T> {
        T run() throws OnceHubException;
    }

    private <T> T attempt(Actor actor, String action, Call<T> call) {
        try {
            return call.run();
        } catch (OnceHubException e) {
            throw refused(actor, action, service.map(OnceHubRoutes::target).orElse("subscription"), e);
        }
    }

    private OnceHubService configured(Actor actor, String action) {
        if (service.isPresent()) {
            return service.get();
        }
        audit.record(actor, action, "subscription", "refused", "OnceHub is not configured");
        throw new ApiProblem(409, "oncehub-not-configured", "OnceHub is not configured", OnceHubJson.HOW_TO_CONFIGURE);
    }

    private ApiProblem refused(Actor actor, String action, String target, OnceHubException e) {
        ApiProblem p = problem(e);
        audit.record(actor, action, target, "failed", p.problem().title() + ": " + e.getMessage());
        return p;
    }

    private static String target(OnceHubService s) {
        return s.lastWatch().flatMap(p -> p.recreated().or(() -> p.found().webhook())).map(w -> w.id())
                .orElse("subscription " + s.subscription().name());
    }

    /**
     * What OnceHub's refusal means for the admin: no answer → 502; 429 after the client's retries → 503; 5xx → 502;
     * the API key refused → 502; a name conflict → 409; oncesync's own setup missing (no PUBLIC_URL) → 409. The detail
     * is the client's message, which never holds the API key or a secret.
     */
    static ApiProblem problem(OnceHubException e) {
        int s = e.status();
        if (s == 0) {
            return e.getCause() == null
                    ? new ApiProblem(409, "oncehub-not-ready", "OnceHub subscription cannot be managed", e.getMessage())
                    : new ApiProblem(502, "oncehub-unreachable", "OnceHub unreachable", e.getMessage());
        }
        if (s == 429) {
            return new ApiProblem(503, "oncehub-rate-limited", "OnceHub rate limit reached", e.getMessage()
                    + "; try again in a minute");
        }
        if (s >= 500) {
            return new ApiProblem(502, "oncehub-unavailable", "OnceHub answered with an error", e.getMessage());
        }
        if (s == 401 || s == 403) {
            return new ApiProblem(502, "oncehub-api-key-refused", "OnceHub refused the API key", e.getMessage()
                    + "; check ONCESYNC_ONCEHUB_API_KEY or run 'oncesync oncehub connect --api-key-stdin'");
        }
        if (s == 409) {
            return new ApiProblem(409, "oncehub-conflict", "OnceHub refused: conflict", e.getMessage());
        }
        return new ApiProblem(502, "oncehub-refused", "OnceHub refused the request", e.getMessage());
    }
}
