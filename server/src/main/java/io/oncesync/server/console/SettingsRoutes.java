package io.oncesync.server.console;

import io.oncesync.server.http.ApiProblem;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.PropertyCatalog;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.server.admin.AdminJson;
import io.oncesync.server.admin.DryRun;
import io.oncesync.server.app.AppServices;
import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.inbox.InboxEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings page's API under {@code /console/api/settings}: the form with everything its dropdowns offer, a
 * check with the diff, save, the kept versions and roll back, and "Try it" (a dry run with the unsaved settings).
 * Saves and roll-backs, refused ones included, are audited with the session's identity and the diff.
 */
final class SettingsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsRoutes.class);

    private final AppServices app;
    private final SettingsStore store;
    private final AuditLog audit;

    SettingsRoutes(AppServices app, SettingsStore store) {
        this.app = app;
        this.store = store;
        this.audit = app.database().audit();
    }

    void mount(Router router) {
        router.get("/console/api/settings").handler(this::page);
        router.post("/console/api/settings/check").handler(this::check);
        router.post("/console/api/settings/save").handler(this::save);
        router.get("/console/api/settings/versions").handler(this::versions);
        router.post("/console/api/settings/rollback").handler(this::rollback);
        router.post("/console/api/settings/try").handler(this::tryIt);
    }

    private void page(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> {
            OrgView org = OrgView.read(app.gateway());
            SeenInPayloads.Seen seen = SeenInPayloads.read(app.database().deliveries());
            JsonArray calendars = new JsonArray();
            seen.calendars().forEach((id, name) -> calendars.add(new JsonObject().put("id", id).put("name", name)));
            JsonObject properties = new JsonObject()
                    .put("contact", properties(PropertyCatalog.contactProperties(), seen.contactProperties()))
                    .put("meeting", properties(PropertyCatalog.meetingProperties(), seen.meetingProperties()));
            return new JsonObject().put("form", SettingsForm.of(app.policies().snapshot().settings()))
                    .put("writable", store.writable())
                    .put("file", store.file().map(Object::toString).orElse(null))
                    .put("objects", org.objectsJson()).put("validatedAgainst", org.source())
                    .put("properties", properties).put("calendars", calendars)
                    .put("versions", versionsJson());
        });
    }

    private static JsonArray properties(Map<String, PropertyType> catalog, List<String> seen) {
        JsonArray out = new JsonArray();
        catalog.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(new JsonObject()
                .put("name", e.getKey()).put("type", e.getValue().name().toLowerCase(Locale.ROOT))));
        seen.forEach(p -> out.add(new JsonObject().put("name", p).put("type", "text").put("seen", true)));
        return out;
    }

    private void check(RoutingContext ctx) {
        JsonObject form = ConsoleHttp.jsonBody(ctx).map(b -> b.getJsonObject("form", b)).orElse(null);
        ConsoleHttp.blocking(ctx, () -> {
            SettingsStore.Checked c = checked(form);
            return result(c, diff(form));
        });
    }

    private void save(RoutingContext ctx) {
        String actor = ConsoleGuard.current(ctx).identity();
        JsonObject form = ConsoleHttp.jsonBody(ctx).map(b -> b.getJsonObject("form", b)).orElse(null);
        ConsoleHttp.blocking(ctx, () -> saveForm(actor, "settings.save", form));
    }

    private JsonObject saveForm(String actor, String action, JsonObject form) throws Exception {
        if (!store.writable()) {
            audited(actor, action, "settings.yaml", "refused", "no rules directory configured");
            throw new ApiProblem(409, "no-rules-dir", "Settings cannot be saved",
                    "ONCESYNC_RULES_DIR is not set, so the bundled settings are in use; set it to a writable directory to save from the console");
        }
        List<String> diff = diff(form);
        SettingsStore.Checked c;
        try {
            c = store.save(form);
        } catch (IllegalArgumentException e) {
            audited(actor, action, "settings.yaml", "refused", e.getMessage());
            throw new ApiProblem(400, "bad-request", "Bad request", e.getMessage());
        }
        String target = store.file().map(Object::toString).orElse("settings.yaml");
        if (!c.ok()) {
            audited(actor, action, target, "refused", count(c.problems().size()) + ", nothing saved: "
                    + c.problems().stream().map(SettingsStore.Problem::message).limit(5).toList());
            JsonObject body = result(c, diff);
            throw new ApiProblem(422, "settings-invalid", "Settings not saved", count(c.problems().size())
                    + "; nothing was saved and the previous settings stay in force", body);
        }
        audited(actor, action, target, "ok", diff.isEmpty() ? "no change" : String.join("\n", diff));
        return result(c, diff).put("saved", true).put("versions", versionsJson());
    }

    private void versions(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> new JsonObject().put("versions", versionsJson()));
    }

    private void rollback(RoutingContext ctx) {
        String actor = ConsoleGuard.current(ctx).identity();
        String id = ConsoleHttp.jsonBody(ctx).map(b -> b.getString("version")).orElse(null);
        ConsoleHttp.blocking(ctx, () -> {
            Optional<String> text = store.version(id);
            if (text.isEmpty()) {
                audited(actor, "settings.rollback", String.valueOf(id), "refused", "no such version");
                throw new ApiProblem(404, "not-found", "No such version", "no kept settings version \"" + id + "\"");
            }
            Settings s = SettingsLoader.parse(id + ".yaml", text.get()).fold(x -> x, problems -> {
                audited(actor, "settings.rollback", id, "refused", "the kept version does not load: " + problems);
                throw new ApiProblem(422, "settings-invalid", "Version does not load", problems.toString());
            });
            return saveForm(actor, "settings.rollback", SettingsForm.of(s)).put("rolledBackTo", id);
        });
    }

    /** Decides a recent delivery or a pasted payload with the unsaved settings; writes nothing. */
    private void tryIt(RoutingContext ctx) {
        Optional<JsonObject> body = ConsoleHttp.jsonBody(ctx);
        JsonObject form = body.map(b -> b.getJsonObject("form")).orElse(null);
        String delivery = body.map(b -> b.getValue("delivery")).map(String::valueOf).orElse(null);
        String payload = body.map(b -> b.getValue("payload")).map(p -> p instanceof JsonObject j ? j.encode() : String.valueOf(p))
                .orElse(null);
        ConsoleHttp.blocking(ctx, () -> {
            SettingsStore.Checked c = checked(form);
            if (!c.ok()) {
                throw new ApiProblem(422, "settings-invalid", "Settings not valid",
                        count(c.problems().size()) + "; fix them to try these settings", result(c, List.of()));
            }
            byte[] bytes = payload(delivery, payload);
            DryRun.Outcome o = new DryRun(app.gateway().candidateLookup(), app.gateway().metadata(),
                    app.ledger()).run(bytes, app.policies().snapshot().rules(), c.settings().get());
            if (o.parsed() instanceof ParseResult.Malformed m) {
                throw new ApiProblem(422, "malformed-event", "Malformed webhook event", m.pointer() + ": " + m.reason());
            }
            return AdminJson.dryRun(o);
        });
    }

    private byte[] payload(String delivery, String payload) {
        if (delivery != null && !delivery.isBlank()) {
            Optional<InboxEntry> e = delivery.matches("\\d{1,18}") ? app.inbox().find(Long.parseLong(delivery))
                    : app.inbox().findByEventId(delivery);
            return e.map(InboxEntry::rawBody).orElseThrow(() -> new ApiProblem(404, "not-found",
                    "No such delivery", "no delivery with inbox id or event id \"" + delivery + "\""));
        }
        if (payload == null || payload.isBlank()) {
            throw new ApiProblem(400, "bad-request", "Nothing to try", "pick a delivery or paste a webhook payload");
        }
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    private SettingsStore.Checked checked(JsonObject form) {
        try {
            return store.check(form);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "bad-request", "Bad request", e.getMessage());
        }
    }

    private List<String> diff(JsonObject form) {
        return form == null ? List.of() : SettingsDiff.between(SettingsForm.of(app.policies().snapshot().settings()), form);
    }

    private static JsonObject result(SettingsStore.Checked c, List<String> diff) {
        JsonArray problems = new JsonArray();
        c.problems().forEach(p -> problems.add(p.json()));
        return new JsonObject().put("valid", c.ok()).put("problems", problems).put("diff", new JsonArray(diff))
                .put("yaml", c.written().yaml());
    }

    private JsonArray versionsJson() throws java.io.IOException {
        JsonArray out = new JsonArray();
        store.versions().forEach(v -> out.add(new JsonObject().put("id", v.id()).put("savedAt", v.savedAt().toString())
                .put("bytes", v.bytes())));
        return out;
    }

    private static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }

    private void audited(String actor, String action, String target, String outcome, String detail) {
        audit.record(actor, action, target, outcome, detail);
        LOG.info("console action={} target=\"{}\" outcome={} actor={}", action, target, outcome, actor);
    }
}
