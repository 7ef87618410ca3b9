package io.oncesync.server.console;

import io.oncesync.server.admin.ApiProblem;
import io.oncesync.server.app.AppServices;
import io.oncesync.server.inbox.DeliveryFilter;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import io.oncesync.server.admin.AdminJson;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The connection page's extra routes: whether webhooks arrive (last event time and counts per type among the
 * recent deliveries) and starting a Connect/Reconnect through the existing OAuth flow (the browser is sent to
 * Salesforce's authorize page; the callback is {@code /connect/salesforce/callback}).
 */
final class StatusRoutes {
    static final int RECENT = 500;

    private final AppServices app;

    StatusRoutes(AppServices app) {
        this.app = app;
    }

    void mount(Router router) {
        router.get("/console/api/receipt").handler(this::receipt);
        router.post("/console/api/connect").handler(this::connect);
        router.get("/console/api/dashboard").handler(this::dashboard);
        router.post("/console/api/disconnect").handler(this::disconnect);
    }

    /**
     * Figures for the dashboard from the recent deliveries: backlog (open), throughput (finished in the last
     * minute and five), sync latency (received → finished, median and 95th percentile), API usage, the last errors.
     */
    private void dashboard(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> {
            Instant now = Instant.now();
            List<InboxEntry> recent = app.database().deliveries().search(DeliveryFilter.all(RECENT));
            int open = 0;
            int lastMinute = 0;
            int lastFive = 0;
            List<Long> latencies = new ArrayList<>();
            JsonArray errors = new JsonArray();
            for (InboxEntry e : recent) {
                if (e.status().isOpen()) {
                    open++;
                }
                if (e.finishedAt() != null) {
                    long age = Duration.between(e.finishedAt(), now).toSeconds();
                    lastMinute += age < 60 ? 1 : 0;
                    lastFive += age < 300 ? 1 : 0;
                    latencies.add(Duration.between(e.receivedAt(), e.finishedAt()).toMillis());
                }
                if (e.lastError() != null && !e.lastError().isBlank() && errors.size() < 10) {
                    errors.add(new JsonObject().put("eventId", e.eventId()).put("status", e.status().name())
                            .put("at", String.valueOf(e.finishedAt() == null ? e.receivedAt() : e.finishedAt()))
                            .put("error", e.lastError()));
                }
            }
            Collections.sort(latencies);
            JsonObject series = perMinute(recent, now);
            SalesforceGateway.Status status = app.gateway().status();
            return new JsonObject().put("at", now.toString()).put("recent", recent.size()).put("backlog", open)
                    .put("finishedLastMinute", lastMinute).put("finishedLastFiveMinutes", lastFive)
                    .put("latencyMedianMs", percentile(latencies, 50)).put("latencyP95Ms", percentile(latencies, 95))
                    .put("connection", status.state().name())
                    .put("apiUsage", AdminJson.status(status).getJsonObject("apiUsage"))
                    .put("lastErrors", errors).put("perMinute", series);
        });
    }

    static final int MINUTES = 30;

    /**
     * The last {@link #MINUTES} minutes, oldest first, from the recent deliveries: received and finished per minute,
     * the median latency of those finished in it, and the backlog (received, not yet finished) at its end.
     */
    static JsonObject perMinute(List<InboxEntry> recent, Instant now) {
        JsonArray received = new JsonArray();
        JsonArray finished = new JsonArray();
        JsonArray latency = new JsonArray();
        JsonArray backlog = new JsonArray();
        for (int m = MINUTES - 1; m >= 0; m--) {
            Instant end = now.minus(Duration.ofMinutes(m));
            Instant start = end.minus(Duration.ofMinutes(1));
            int in = 0;
            int open = 0;
            List<Long> lat = new ArrayList<>();
            for (InboxEntry e : recent) {
                Instant r = e.receivedAt();
                Instant f = e.finishedAt();
                in += r.isAfter(start) && !r.isAfter(end) ? 1 : 0;
                if (f != null && f.isAfter(start) && !f.isAfter(end)) {
                    lat.add(Duration.between(r, f).toMillis());
                }
                open += !r.isAfter(end) && (f == null || f.isAfter(end)) ? 1 : 0;
            }
            Collections.sort(lat);
            received.add(in);
            finished.add(lat.size());
            latency.add(lat.isEmpty() ? 0 : lat.get(lat.size() / 2));
            backlog.add(open);
        }
        return new JsonObject().put("received", received).put("finished", finished).put("latencyMs", latency)
                .put("backlog", backlog);
    }

    private static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private void receipt(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> {
            Map<String, Integer> types = new TreeMap<>();
            Map<String, Integer> statuses = new TreeMap<>();
            Instant last = null;
            int n = 0;
            for (InboxEntry e : app.database().deliveries().search(DeliveryFilter.all(RECENT))) {
                n++;
                types.merge(e.type(), 1, Integer::sum);
                statuses.merge(e.status().name(), 1, Integer::sum);
                if (last == null || e.receivedAt().isAfter(last)) {
                    last = e.receivedAt();
                }
            }
            return new JsonObject().put("recent", n).put("lastReceivedAt", last == null ? null : last.toString())
                    .put("types", new JsonObject(new java.util.LinkedHashMap<>(types)))
                    .put("statuses", new JsonObject(new java.util.LinkedHashMap<>(statuses)));
        });
    }

    private void connect(RoutingContext ctx) {
        String host = ConsoleHttp.jsonBody(ctx).map(b -> b.getString("host")).orElse(null);
        URI url;
        try {
            url = host == null || host.isBlank() ? app.gateway().connector().beginConnect()
                    : app.gateway().connector().beginConnect(LoginHost.parse(host));
        } catch (IllegalArgumentException e) {
            new ApiProblem(400, "bad-login-host", "Bad login host", e.getMessage()).send(ctx);
            return;
        } catch (IllegalStateException e) {
            new ApiProblem(409, "connect-unavailable", "Connect is not available", e.getMessage()).send(ctx);
            return;
        }
        String actor = ConsoleGuard.current(ctx).identity();
        String target = host == null || host.isBlank() ? "configured login host" : host;
        ConsoleHttp.blocking(ctx, () -> {
            app.database().audit().record(actor, "salesforce.connect", target, "ok", "sent to Salesforce's authorize page");
            return new JsonObject().put("authorizeUrl", url.toString());
        });
    }

    private void disconnect(RoutingContext ctx) {
        String actor = ConsoleGuard.current(ctx).identity();
        ConsoleHttp.blocking(ctx, () -> {
            String org = app.gateway().connector().connection().map(c -> c.organizationName() + " (" + c.orgId() + ")")
                    .orElse("no org");
            app.gateway().disconnect();
            app.database().audit().record(actor, "salesforce.disconnect", org, "ok", "stored connection forgotten");
            return new JsonObject().put("disconnected", true).put("state", app.gateway().status().state().name());
        });
    }
}
