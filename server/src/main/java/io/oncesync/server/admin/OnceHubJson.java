package io.oncesync.server.admin;

import io.oncesync.server.oncehub.BookingCalendar;
import io.oncesync.server.oncehub.ManagedSecrets;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.ReconcileReport;
import io.oncesync.server.oncehub.Subscription;
import io.oncesync.server.oncehub.WebhookInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /admin/oncehub}'s shape: the subscription as the watcher last saw it, the signing secrets' overlap (never
 * a secret), reconciliation and the booking calendars. Built from what the service remembers and the watermark, so
 * reading it makes no OnceHub call.
 */
final class OnceHubJson {
    /** What to do when no OnceHub API key is configured or stored. */
    static final String HOW_TO_CONFIGURE = "OnceHub is not configured: set ONCESYNC_ONCEHUB_API_KEY (OnceHub: Account"
            + " Integrations → APIs & Webhooks), or run 'oncesync oncehub connect --api-key-stdin' once, with"
            + " ONCESYNC_PUBLIC_URL set so oncesync can manage its webhook subscription; then restart serve."
            + " See docs/operations.md.";

    private OnceHubJson() {
    }

    static JsonObject notConfigured() {
        return new JsonObject().put("configured", false).put("howToConfigure", HOW_TO_CONFIGURE);
    }

    static JsonObject status(OnceHubService s) {
        return new JsonObject().put("configured", true)
                .put("readiness", new JsonObject().put("up", s.readiness().up()).put("detail", s.readiness().detail()))
                .put("subscription", subscription(s))
                .put("secrets", secrets(s.secrets()))
                .put("reconciliation", reconciliation(s))
                .put("bookingCalendars", calendars(s));
    }

    /**
     * {@code state}: NOT_CHECKED before the first pass; CREATED when the last pass made the first subscription,
     * RECREATED when it re-created a missing, disabled or misdirected one; else what the
     * last check found (OK, MISSING, DISABLED, ELSEWHERE, NOT_CONNECTED, UNREACHABLE).
     */
    static JsonObject subscription(OnceHubService s) {
        Subscription sub = s.subscription();
        JsonObject out = new JsonObject().put("name", sub.name()).put("endpoint", sub.endpoint())
                .put("watchIntervalSeconds", s.watchInterval().toSeconds());
        Optional<OnceHubService.WatchPass> last = s.lastWatch();
        if (last.isEmpty()) {
            return out.put("state", "NOT_CHECKED").put("detail", "not checked yet").putNull("checkedAt").putNull("webhook");
        }
        OnceHubService.WatchPass p = last.get();
        String state = p.firstCreation() ? "CREATED" : p.recreated().isPresent() ? "RECREATED" : p.found().state().name();
        String detail = p.firstCreation() ? "created " + p.recreated().get().id() : p.recreated().map(w -> "was " + p.found().state().name().toLowerCase(java.util.Locale.ROOT) + " ("
                + p.found().detail() + "); re-created as " + w.id()).orElse(p.found().detail())
                + p.failure().filter(f -> p.found().state() != Subscription.State.UNREACHABLE)
                .map(f -> "; re-creating failed: " + f.getMessage()).orElse("");
        return out.put("state", state).put("found", p.found().state().name()).put("detail", detail)
                .put("checkedAt", p.at().toString())
                .put("webhook", p.recreated().or(() -> p.found().webhook()).map(OnceHubJson::webhook).orElse(null));
    }

    static JsonObject webhook(WebhookInfo w) {
        return new JsonObject().put("id", w.id()).put("name", w.name()).put("url", w.url())
                .put("events", new JsonArray(w.events())).put("active", w.active());
    }

    private static JsonObject secrets(ManagedSecrets m) {
        Optional<Instant> ends = m.overlapEnds();
        return new JsonObject().put("overlapSeconds", m.overlap().toSeconds())
                .put("oldSecretAccepted", ends.isPresent()).put("oldSecretAcceptedUntil", ends.map(Instant::toString).orElse(null))
                .put("configuredSecrets", m.configuredCount());
    }

    private static JsonObject reconciliation(OnceHubService s) {
        JsonObject out = new JsonObject()
                .put("watermark", s.reconciler().watermark().map(Instant::toString).orElse(null))
                .put("pollIntervalSeconds", s.pollInterval().toSeconds());
        Optional<OnceHubService.ReconcilePass> last = s.lastReconcile();
        out.put("lastRunAt", last.map(p -> p.at().toString()).orElse(null))
                .put("lastError", last.flatMap(OnceHubService.ReconcilePass::error).orElse(null))
                .put("lastReport", last.flatMap(OnceHubService.ReconcilePass::report).map(OnceHubJson::report).orElse(null));
        return out;
    }

    static JsonObject report(ReconcileReport r) {
        return new JsonObject().put("since", r.since().toString()).put("pages", r.pages()).put("seen", r.seen())
                .put("alreadyApplied", r.alreadyApplied()).put("queued", r.queued()).put("duplicates", r.duplicates())
                .put("skipped", r.skipped()).put("unreadable", r.unreadable()).put("apiCalls", r.apiCalls())
                .put("watermark", r.watermark().map(Instant::toString).orElse(null)).put("tookMs", r.took().toMillis())
                .put("summary", r.summary());
    }

    private static JsonObject calendars(OnceHubService s) {
        JsonObject out = new JsonObject();
        s.calendars().ifPresentOrElse(k -> {
            JsonArray list = new JsonArray();
            for (BookingCalendar c : k.calendars()) {
                list.add(new JsonObject().put("id", c.id()).put("name", c.name()));
            }
            out.put("listedAt", k.at().toString()).put("calendars", list).put("error", k.error().orElse(null));
        }, () -> out.putNull("listedAt").put("calendars", new JsonArray()).putNull("error"));
        return out;
    }
}
