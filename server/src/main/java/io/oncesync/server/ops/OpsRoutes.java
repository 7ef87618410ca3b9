package io.oncesync.server.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /health} (liveness), {@code /ready} (readiness, 503 when any check is down) and {@code /metrics}. */
public final class OpsRoutes {
    private final SyncMetrics metrics;
    private final Readiness readiness;
    private final Predicate<RoutingContext> admin;

    /** Nobody sees /ready's details. */
    public OpsRoutes(SyncMetrics metrics, Readiness readiness) {
        this(metrics, readiness, ctx -> false);
    }

    /** {@code admin} tells whether a request carries the admin token: only then does /ready show each check's detail. */
    public OpsRoutes(SyncMetrics metrics, Readiness readiness, Predicate<RoutingContext> admin) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.admin = admin;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
    }

    private void health(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "up"));
    }

    /**
     * Without the admin token: whether ready and the names of the failing checks, nothing else (no org id, user or
     * API usage). With it: every check's detail too.
     */
    private void ready(RoutingContext ctx) {
        boolean details = admin.test(ctx);
        ctx.vertx().executeBlocking(readiness::evaluate, false).onComplete(ar -> {
            if (ar.failed()) {
                JsonObject answer = new JsonObject().put("ready", false).put("failing", new JsonArray().add("readiness"));
                if (details) {
                    answer.put("error", String.valueOf(ar.cause().getMessage()));
                }
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(answer.encode());
                return;
            }
            Map<String, Readiness.Status> statuses = ar.result();
            boolean up = Readiness.allUp(statuses);
            JsonArray failing = new JsonArray();
            statuses.forEach((name, s) -> {
                if (!s.up()) {
                    failing.add(name);
                }
            });
            JsonObject answer = new JsonObject().put("ready", up).put("failing", failing);
            if (details) {
                JsonObject checks = new JsonObject();
                statuses.forEach((name, s) -> checks.put(name, new JsonObject().put("up", s.up()).put("detail", s.detail())));
                answer.put("checks", checks);
            }
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(answer.encode());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
