package io.oncesync.server.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code /health} (liveness), {@code /ready} (readiness: 503 when a gating check is down, 200 with
 * {@code "status":"degraded"} when only Salesforce is) and {@code /metrics}.
 */
public final class OpsRoutes {
    private final SyncMetrics metrics;
    private final Readiness readiness;

    public OpsRoutes(SyncMetrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
    }

    private void health(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "up"));
    }

    private void ready(RoutingContext ctx) {
        ctx.vertx().executeBlocking(readiness::evaluate, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().setStatusCode(503).end(new JsonObject().put("ready", false)
                        .put("error", String.valueOf(ar.cause().getMessage())).encode());
                return;
            }
            Map<String, Readiness.Status> statuses = ar.result();
            JsonObject checks = new JsonObject();
            statuses.forEach((name, s) -> checks.put(name, new JsonObject().put("up", s.up()).put("detail", s.detail())
                    .put("gatesReadiness", readiness.gates(name))));
            boolean up = readiness.ready(statuses);
            List<String> degraded = readiness.degraded(statuses);
            JsonObject body = new JsonObject().put("ready", up)
                    .put("status", !up ? "not ready" : degraded.isEmpty() ? "ok" : "degraded");
            if (!degraded.isEmpty()) {
                body.put("degraded", new JsonArray(degraded.stream()
                        .map(n -> n + ": " + statuses.get(n).detail()).toList()));
            }
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(body.put("checks", checks).encode());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
