package io.oncesync.server.admin;

import io.oncesync.server.policy.Policies;
import io.oncesync.engine.rulebook.RuleProblem;

import static io.oncesync.server.admin.AdminHttp.badRequest;
import static io.oncesync.server.admin.AdminHttp.blocking;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.server.http.ApiProblem;
import io.oncesync.server.http.Problem;
import io.oncesync.server.inbox.AuditFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules in force: {@code GET /admin/rules}; {@code POST /admin/rules/validate} (the rules directory, or posted
 * files, checked against the connected org); {@code POST /admin/rules/reload} and {@code POST /admin/rules/upload}
 * (audited, refused attempts included; an upload keeps each file's text and what it replaced, because uploading DRL
 * is code execution). {@link LiveRules} holds the rules and swaps them; invalid rules never replace working ones.
 */
final class RuleRoutes {
    private final LiveRules rules;
    private final OrgMetadataSource metadata;
    private final AdminAudit audit;

    RuleRoutes(LiveRules rules, OrgMetadataSource metadata, AdminAudit audit) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    void mount(Router router) {
        router.get("/admin/rules").handler(this::active);
        router.post("/admin/rules/validate").handler(this::validate);
        router.post("/admin/rules/reload").handler(this::reload);
        router.post("/admin/rules/upload").handler(this::upload);
    }

    private void active(RoutingContext ctx) {
        LiveRules.Active a = rules.active();
        ctx.json(new JsonObject().put("source", a.dir().map(Object::toString).orElse("bundled"))
                .put("files", new JsonArray(a.book().files())).put("rules", a.book().ruleNames().size())
                .put("loadedAt", a.loadedAt().toString()).put("uploadEnabled", rules.uploadEnabled())
                .put("version", a.version()));
    }

    private void validate(RoutingContext ctx) {
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

    private void reload(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        blocking(ctx, () -> {
            if (rules.dir().isEmpty()) {
                audit.record(actor, "rules.reload", "bundled", "refused", "no rules directory configured");
                throw new ApiProblem(409, "no-rules-dir", "No rules directory",
                        "ONCESYNC_RULES_DIR is not set: the bundled rules are in use and cannot be reloaded");
            }
            Metadata m = metadata();
            LiveRules.Change change = rules.reload(m.metadata());
            return changeAnswer(actor, "rules.reload", rules.dir().get().toString(), change, m, List.of());
        });
    }

    private void upload(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        if (!rules.uploadEnabled()) {
            blocking(ctx, () -> {
                audit.record(actor, "rules.upload", "", "refused", "ONCESYNC_RULES_UPLOAD_ENABLED is false");
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
                audit.record(actor, "rules.upload", "", "refused", reason);
                throw new ApiProblem(400, "bad-request", "Bad request", reason);
            });
            return;
        }
        blocking(ctx, () -> write(actor, files));
    }

    private Object write(Actor actor, Map<String, String> files) {
        String target = String.join(", ", files.keySet());
        if (!rules.hasUploadTarget()) {
            audit.record(actor, "rules.upload", target, "refused", "no rules directory configured");
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
            audit.record(actor, "rules.upload", target, "failed", "cannot write: " + e.getMessage(), carried);
            throw new ApiProblem(500, "write-failed", "Rules not written", "cannot write into the rules directory: " + e.getMessage());
        }
        return changeAnswer(actor, "rules.upload", target, change, m, carried);
    }

    private JsonObject changeAnswer(Actor actor, String action, String target, LiveRules.Change change, Metadata m,
                                    List<AuditFile> files) {
        RulesCheck.Outcome outcome = change.outcome();
        if (!change.applied()) {
            audit.record(actor, action, target, "refused", outcome.problems().size() + " problems; previous rules kept: "
                    + outcome.problems().stream().map(RuleProblem::toString).limit(5).toList(), files);
            throw new ApiProblem(Problem.of(422, "rules-invalid", "Rules not loaded", outcome.problems().size()
                    + " problems; the previous rules stay in use").with("problems", outcomeJson(outcome).getJsonArray("problems")));
        }
        audit.record(actor, action, target, "ok", outcome.files().size() + " files, " + outcome.ruleCount() + " rules"
                + files.stream().map(f -> "; " + f).reduce("", String::concat), files);
        return outcomeJson(outcome).put("applied", true).put("validatedAgainst", m.source());
    }

    private static JsonObject outcomeJson(RulesCheck.Outcome o) {
        JsonArray problems = new JsonArray();
        o.problems().forEach(p -> problems.add(AdminJson.problem(p)));
        JsonArray warnings = new JsonArray();
        o.warnings().forEach(p -> warnings.add(AdminJson.problem(p)));
        return new JsonObject().put("files", new JsonArray(o.files())).put("rules", o.ruleCount())
                .put("settings", o.settingsSource()).put("problems", problems).put("warnings", warnings);
    }

    /** The connected org's metadata when it answers, else the standard objects (the answer says which). */
    private record Metadata(OrgMetadata metadata, String source) {
    }

    private Metadata metadata() {
        try {
            return new Metadata(metadata.describe(EnumSet.allOf(SObjectType.class)), "connected org");
        } catch (CallFailure | RuntimeException e) {
            return new Metadata(OrgMetadataFiles.standard(), "standard objects (Salesforce not reachable: " + e.getMessage() + ")");
        }
    }

    /** {@code {"files": {"name.drl": "…", "settings.yaml": "…"}}}: plain names only, nothing outside the directory. */
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
            if (!RulesCheck.isPlainName(name) || !(name.endsWith(".drl") || name.equals(Policies.SETTINGS_FILE))) {
                throw new IllegalArgumentException("files." + name + ": only plain *.drl names and settings.yaml are accepted");
            }
            out.put(name, text);
        }
        return out;
    }
}
