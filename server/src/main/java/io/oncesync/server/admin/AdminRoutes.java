package io.oncesync.server.admin;

import io.oncesync.engine.oncehub.IdentityKeys;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.settings.Compatibility;
import io.oncesync.server.inbox.AuditFile;
import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.inbox.Deliveries;
import io.oncesync.server.inbox.DeliveryFilter;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.ops.AdminAuth;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /admin}, behind the bearer-token guard. JSON in and out; errors are RFC 9457
 * problem documents; lists page newest first with {@code limit} and {@code before} (a {@code next} link is given).
 * Every change (replay, reload, upload — refused attempts included) is written to the audit log with the actor.
 * All blocking work (database, Salesforce, compiling rules) runs off the event loop.
 */
public final class AdminRoutes {
    /** The largest request body: an upload of every DRL file fits easily. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final String PROBLEM = "urn:oncesync:problem:";
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    /** The Salesforce side as the admin API sees it; {@link #of(SalesforceGateway)} in production. */
    public record Org(CandidateLookup lookup, OrgMetadataSource metadata, Supplier<SalesforceGateway.Status> status) {
        public Org {
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(status, "status");
        }

        public static Org of(SalesforceGateway gateway) {
            return new Org(gateway.candidateLookup(), gateway.metadata(), gateway::status);
        }
    }

    private final Handler<RoutingContext> auth;
    private final InboxStore inbox;
    private final Deliveries deliveries;
    private final AuditLog audit;
    private final BookingLedger ledger;
    private final LiveRules rules;
    private final Org org;

    public AdminRoutes(Handler<RoutingContext> auth, InboxStore inbox, Deliveries deliveries, AuditLog audit, BookingLedger ledger,
                       LiveRules rules, Org org) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.org = Objects.requireNonNull(org, "org");
    }

    /** Mounts every admin route on {@code router}. */
    public void mount(Router router) {
        router.route("/admin/*").handler(auth);
        router.route("/admin/*").handler(AdminRoutes::rawBodies);
        router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/admin/deliveries").handler(this::listDeliveries);
        router.post("/admin/deliveries/replay-failed").handler(this::replayAllFailed);
        router.get("/admin/deliveries/:id").handler(this::delivery);
        router.post("/admin/deliveries/:id/replay").handler(this::replayOne);
        router.post("/admin/dry-run").handler(this::dryRun);
        router.get("/admin/rules").handler(this::activeRules);
        router.post("/admin/rules/validate").handler(this::validateRules);
        router.post("/admin/rules/reload").handler(this::reloadRules);
        router.post("/admin/rules/upload").handler(this::uploadRules);
        router.get("/admin/mapping-options").handler(this::mappingOptions);
        router.get("/admin/required-fields").handler(this::requiredFields);
        router.get("/admin/connection").handler(this::connection);
        router.get("/admin/audit").handler(this::auditLog);
        router.get("/admin/audit/:id/files").handler(this::auditFiles);
        router.route("/admin/*").handler(ctx -> problem(ctx, 404, "not-found", "No such admin endpoint",
                ctx.request().method() + " " + ctx.request().path() + " is not part of the admin API"));
    }

    /**
     * The admin API takes JSON (or a raw webhook body) whatever the Content-Type says: {@code curl -d} sends
     * {@code application/x-www-form-urlencoded}, which the body handler would otherwise decode as a form and drop.
     */
    private static void rawBodies(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && (type.contains("x-www-form-urlencoded") || type.contains("multipart/"))) {
            ctx.request().headers().set("Content-Type", "application/octet-stream");
        }
        ctx.next();
    }

    // ---- deliveries

    private void listDeliveries(RoutingContext ctx) {
        DeliveryFilter filter;
        try {
            Optional<InboxStatus> status = param(ctx, "status").map(s -> enumValue(InboxStatus.class, "status", s));
            Optional<String> guest = param(ctx, "guest").map(AdminRoutes::guestKey);
            filter = new DeliveryFilter(status, guest, param(ctx, "booking"), longParam(ctx, "before"), limit(ctx));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            List<InboxEntry> page = deliveries.search(filter);
            JsonArray items = new JsonArray();
            page.forEach(e -> items.add(AdminJson.summary(e)));
            return new JsonObject().put("items", items).put("next", next(ctx, page.size() == filter.limit()
                    ? page.get(page.size() - 1).id() : null));
        });
    }

    private void delivery(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> find(id).map(AdminJson::detail).orElseThrow(() -> notFound(id)));
    }

    private void replayOne(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = actor(ctx);
        blocking(ctx, () -> {
            InboxEntry e = find(id).orElseThrow(() -> notFound(id));
            if (e.status() != InboxStatus.DEAD || !inbox.replay(e.id())) {
                audited(actor, "replay", "delivery " + e.id(), "refused", "status was " + e.status());
                throw new ApiProblem(409, "not-failed", "Delivery is not failed",
                        "delivery " + e.id() + " (" + e.eventId() + ") is " + e.status() + "; only failed (DEAD) deliveries are replayed");
            }
            audited(actor, "replay", "delivery " + e.id(), "ok", e.eventId() + " is due again");
            return new JsonObject().put("id", e.id()).put("eventId", e.eventId()).put("replayed", true);
        });
    }

    private void replayAllFailed(RoutingContext ctx) {
        Actor actor = actor(ctx);
        blocking(ctx, () -> {
            int n = inbox.replayAllDead();
            audited(actor, "replay-all-failed", "deliveries", "ok", n + " failed deliveries are due again");
            return new JsonObject().put("replayed", n);
        });
    }

    // ---- dry run

    private void dryRun(RoutingContext ctx) {
        byte[] payload = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (payload.length == 0) {
            badRequest(ctx, "post the OnceHub webhook body (JSON) to dry-run");
            return;
        }
        LiveRules.Active active = rules.active();
        blocking(ctx, () -> {
            DryRun.Outcome o = new DryRun(org.lookup(), org.metadata(), ledger).run(payload, active.book(), active.settings());
            if (o.parsed() instanceof ParseResult.Malformed m) {
                throw new ApiProblem(422, "malformed-event", "Malformed webhook event", m.pointer() + ": " + m.reason());
            }
            return AdminJson.dryRun(o);
        });
    }

    // ---- rules

    private void activeRules(RoutingContext ctx) {
        LiveRules.Active a = rules.active();
        ctx.json(new JsonObject().put("source", a.dir().map(Object::toString).orElse("bundled"))
                .put("files", new JsonArray(a.book().files())).put("rules", a.book().ruleNames().size())
                .put("loadedAt", a.loadedAt().toString()).put("uploadEnabled", rules.uploadEnabled())
                .put("version", a.version()));
    }

    private void validateRules(RoutingContext ctx) {
        Map<String, String> files;
        try {
            files = postedFiles(ctx, false);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            Metadata m = metadata();
            RulesCheck.Outcome outcome = files.isEmpty() ? rules.validateDirectory(m.metadata()) : RulesCheck.files(files, m.metadata());
            return outcomeJson(outcome).put("valid", outcome.ok()).put("validatedAgainst", m.source())
                    .put("source", files.isEmpty() ? rules.dir().map(Object::toString).orElse("bundled") : "posted files");
        });
    }

    private void reloadRules(RoutingContext ctx) {
        Actor actor = actor(ctx);
        blocking(ctx, () -> {
            if (rules.dir().isEmpty()) {
                audited(actor, "rules.reload", "bundled", "refused", "no rules directory configured");
                throw new ApiProblem(409, "no-rules-dir", "No rules directory",
                        "ONCESYNC_RULES_DIR is not set: the bundled rules are in use and cannot be reloaded");
            }
            Metadata m = metadata();
            LiveRules.Change change = rules.reload(m.metadata());
            return changeAnswer(actor, "rules.reload", rules.dir().get().toString(), change, m, List.of());
        });
    }

    private void uploadRules(RoutingContext ctx) {
        Actor actor = actor(ctx);
        if (!rules.uploadEnabled()) {
            blocking(ctx, () -> {
                audited(actor, "rules.upload", "", "refused", "ONCESYNC_RULES_UPLOAD_ENABLED is false");
                throw new ApiProblem(403, "upload-disabled", "Rule upload is disabled",
                        "uploading DRL is off because DRL can run arbitrary Java; set ONCESYNC_RULES_UPLOAD_ENABLED=true to allow it");
            });
            return;
        }
        Map<String, String> files;
        try {
            files = postedFiles(ctx, true);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            blocking(ctx, () -> {
                audited(actor, "rules.upload", "", "refused", reason);
                throw new ApiProblem(400, "bad-request", "Bad request", reason);
            });
            return;
        }
        blocking(ctx, () -> {
            String target = String.join(", ", files.keySet());
            if (!rules.hasUploadTarget()) {
                audited(actor, "rules.upload", target, "refused", "no rules directory configured");
                throw new ApiProblem(409, "no-rules-dir", "No rules directory",
                        "ONCESYNC_RULES_DIR is not set: there is no directory to upload into");
            }
            Metadata m = metadata();
            LiveRules.Change change;
            List<AuditFile> carried = new ArrayList<>();
            try {
                // Uploading DRL is code execution: the audit keeps each file's text and hash and what it replaced.
                Map<String, String> before = rules.filesInForce();
                files.forEach((name, text) -> carried.add(AuditFile.of(name, text, before.get(name))));
                change = rules.upload(files, m.metadata());
            } catch (IOException e) {
                audited(actor, "rules.upload", target, "failed", "cannot write: " + e.getMessage(), carried);
                throw new ApiProblem(500, "write-failed", "Rules not written", "cannot write into the rules directory: " + e.getMessage());
            }
            return changeAnswer(actor, "rules.upload", target, change, m, carried);
        });
    }

    private JsonObject changeAnswer(Actor actor, String action, String target, LiveRules.Change change, Metadata m,
                                    List<AuditFile> files) {
        RulesCheck.Outcome outcome = change.outcome();
        if (!change.applied()) {
            audited(actor, action, target, "refused", outcome.problems().size() + " problems; previous rules kept: "
                    + outcome.problems().stream().map(RuleProblem::toString).limit(5).toList(), files);
            throw new ApiProblem(422, "rules-invalid", "Rules not loaded", outcome.problems().size()
                    + " problems; the previous rules stay in use", outcomeJson(outcome).getJsonArray("problems"));
        }
        audited(actor, action, target, "ok", outcome.files().size() + " files, " + outcome.ruleCount() + " rules"
                + files.stream().map(f -> "; " + f).reduce("", String::concat), files);
        return outcomeJson(outcome).put("applied", true).put("validatedAgainst", m.source());
    }

    private static JsonObject outcomeJson(RulesCheck.Outcome o) {
        JsonArray problems = new JsonArray();
        o.problems().forEach(p -> problems.add(AdminJson.problem(p)));
        return new JsonObject().put("files", new JsonArray(o.files())).put("rules", o.ruleCount())
                .put("settings", o.settingsSource()).put("problems", problems);
    }

    /** The connected org's metadata when it answers, else the standard objects (the answer says which). */
    private record Metadata(OrgMetadata metadata, String source) {
    }

    private Metadata metadata() {
        try {
            return new Metadata(org.metadata().describe(EnumSet.allOf(SObjectType.class)), "connected org");
        } catch (CallFailure | RuntimeException e) {
            return new Metadata(OrgMetadataFiles.standard(), "standard objects (Salesforce not reachable: " + e.getMessage() + ")");
        }
    }

    private static Map<String, String> postedFiles(RoutingContext ctx, boolean required) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            if (required) {
                throw new IllegalArgumentException("post {\"files\": {\"name.drl\": \"…\", \"settings.yaml\": \"…\"}}");
            }
            return Map.of();
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not a JSON object: " + e.getMessage());
        }
        Object files = json.getValue("files");
        if (!(files instanceof JsonObject f) || f.isEmpty()) {
            throw new IllegalArgumentException("\"files\" must be an object of file name → text with at least one file");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : f.fieldNames()) {
            if (!(f.getValue(name) instanceof String text)) {
                throw new IllegalArgumentException("files." + name + " must be a string");
            }
            if (!RulesCheck.isPlainName(name) || !(name.endsWith(".drl") || name.equals(RulesCheck.SETTINGS_FILE))) {
                throw new IllegalArgumentException("files." + name + ": only plain *.drl names and settings.yaml are accepted");
            }
            out.put(name, text);
        }
        return out;
    }

    // ---- Salesforce

    private void mappingOptions(RoutingContext ctx) {
        perObject(ctx, meta -> {
            JsonObject byType = new JsonObject();
            for (PropertyType t : PropertyType.values()) {
                JsonArray fields = new JsonArray();
                Compatibility.mappableFields(t, meta).forEach(f -> fields.add(AdminJson.field(f)));
                byType.put(t.name().toLowerCase(Locale.ROOT), fields);
            }
            return byType;
        });
    }

    private void requiredFields(RoutingContext ctx) {
        perObject(ctx, meta -> {
            JsonArray fields = new JsonArray();
            meta.requiredOnCreate().forEach(f -> fields.add(AdminJson.field(f)));
            return fields;
        });
    }

    private void perObject(RoutingContext ctx, java.util.function.Function<ObjectMeta, Object> render) {
        List<SObjectType> objects;
        try {
            objects = param(ctx, "object").map(o -> List.of(SObjectType.fromApiName(o).orElseThrow(() ->
                    new IllegalArgumentException("object must be one of Lead, Contact, Event, Case; got \"" + o + "\""))))
                    .orElse(List.of(SObjectType.values()));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            OrgMetadata meta = describe(EnumSet.copyOf(objects));
            JsonObject out = new JsonObject();
            for (SObjectType o : objects) {
                meta.object(o).ifPresent(m -> out.put(o.apiName(), render.apply(m)));
            }
            return out;
        });
    }

    private OrgMetadata describe(EnumSet<SObjectType> objects) {
        try {
            return org.metadata().describe(objects);
        } catch (CallFailure e) {
            throw new ApiProblem(503, "salesforce-unavailable", "Salesforce unavailable", e.getMessage());
        }
    }

    private void connection(RoutingContext ctx) {
        blocking(ctx, () -> AdminJson.status(org.status().get()));
    }

    // ---- audit

    /** The files an audit entry carried (an upload's DRL text, hash and the replaced version). */
    private void auditFiles(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            badRequest(ctx, "the audit entry id must be a number, was \"" + ctx.pathParam("id") + "\"");
            return;
        }
        blocking(ctx, () -> {
            JsonArray items = new JsonArray();
            for (AuditFile f : audit.files(id)) {
                items.add(new JsonObject().put("file", f.file()).put("sha256", f.sha256()).put("content", f.content())
                        .put("previousSha256", f.previousSha256()).put("previousContent", f.previousContent()));
            }
            return new JsonObject().put("id", id).put("files", items);
        });
    }

    private void auditLog(RoutingContext ctx) {
        Optional<Long> before;
        int limit;
        try {
            before = longParam(ctx, "before");
            limit = limit(ctx);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            var page = audit.list(before.orElse(null), limit);
            JsonArray items = new JsonArray();
            page.forEach(a -> items.add(AdminJson.audit(a)));
            return new JsonObject().put("items", items)
                    .put("next", next(ctx, page.size() == limit ? page.get(page.size() - 1).id() : null));
        });
    }

    // ---- plumbing

    private Optional<InboxEntry> find(String id) {
        if (id.matches("\\d{1,18}")) {
            return inbox.find(Long.parseLong(id));
        }
        return inbox.findByEventId(id);
    }

    /** Writes the audit entry and the same fact as one log line (actor, action, target, outcome). */
    private void audited(Actor actor, String action, String target, String outcome, String detail) {
        audited(actor, action, target, outcome, detail, List.of());
    }

    /** The actor is the authenticated identity; a client's self-description goes in the detail, labelled unverified. */
    private void audited(Actor actor, String action, String target, String outcome, String detail, List<AuditFile> files) {
        String noted = actor.note() == null ? detail : detail + " [unverified X-Oncesync-Actor: " + actor.note() + "]";
        audit.record(actor.identity(), action, target, outcome, noted, files);
        LOG.info("admin action={} target=\"{}\" outcome={} actor={}: {}", action, target, outcome, actor.identity(), noted);
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "not-found", "No such delivery", "no delivery with inbox id or event id \"" + id + "\"");
    }

    static String guestKey(String guest) {
        String key = guest.contains("@") ? IdentityKeys.email(guest) : IdentityKeys.phoneDigits(guest);
        if (key == null) {
            throw new IllegalArgumentException("guest must be an email address or a phone number, got \"" + guest + "\"");
        }
        return key;
    }

    private static Optional<String> param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static Optional<Long> longParam(RoutingContext ctx, String name) {
        return param(ctx, name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
            }
        });
    }

    private static int limit(RoutingContext ctx) {
        long l = longParam(ctx, "limit").orElse((long) DEFAULT_PAGE);
        if (l < 1 || l > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + l);
        }
        return (int) l;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got \"" + value + "\"");
        }
    }

    /** The same request with {@code before} set to the last id of this page, or null on the last page. */
    private static String next(RoutingContext ctx, Long lastId) {
        if (lastId == null) {
            return null;
        }
        StringBuilder q = new StringBuilder();
        ctx.queryParams().forEach(e -> {
            if (!e.getKey().equals("before")) {
                q.append(q.length() == 0 ? "?" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            }
        });
        q.append(q.length() == 0 ? "?" : "&").append("before=").append(lastId);
        return ctx.request().path() + q;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Who did it: the authenticated identity, and the client's own unverified X-Oncesync-Actor note or null. */
    private record Actor(String identity, String note) {
    }

    private static Actor actor(RoutingContext ctx) {
        String a = ctx.get(AdminAuth.ACTOR);
        return new Actor(a == null ? AdminAuth.PRINCIPAL : a, ctx.get(AdminAuth.ACTOR_NOTE));
    }

    /** Runs {@code work} on a worker thread and answers its JSON, or the problem it raised. */
    private static void blocking(RoutingContext ctx, Callable<Object> work) {
        ApiProblem.answerBlocking(ctx, work);
    }

    private static void badRequest(RoutingContext ctx, String detail) {
        problem(ctx, 400, "bad-request", "Bad request", detail);
    }

    static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        new ApiProblem(status, type, title, detail).send(ctx);
    }
}
