package io.oncesync.server.console;

import io.oncesync.server.http.ApiProblem;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.scenarios.GoldenCase;
import io.oncesync.scenarios.ScenarioCatalog;
import io.oncesync.scenarios.ScenarioRunner;
import io.oncesync.server.app.AppServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The rules page's extra routes: the DRL text in force (the rules directory, or the bundled files) and a run of the
 * golden scenarios against it, as {@code oncesync rules test} prints them. Check, reload and upload are the admin
 * API's routes under {@code /console/api/admin/rules/…}.
 */
final class RulesRoutes {
    private final AppServices app;

    RulesRoutes(AppServices app) {
        this.app = app;
    }

    void mount(Router router) {
        router.get("/console/api/rules/files").handler(this::files);
        router.post("/console/api/rules/scenarios").handler(this::scenarios);
    }

    private Optional<Path> dir() {
        return app.policies().source().rulesDir();
    }

    private void files(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> {
            List<RuleSource> sources = dir().isPresent() ? RuleSource.fromDirectory(dir().get()) : RuleSource.bundled();
            JsonArray files = new JsonArray();
            sources.forEach(s -> files.add(new JsonObject().put("name", s.name()).put("text", s.text())));
            return new JsonObject().put("source", dir().map(Object::toString).orElse("bundled"))
                    .put("uploadEnabled", app.config().rules().uploadEnabled()).put("files", files);
        });
    }

    private void scenarios(RoutingContext ctx) {
        ConsoleHttp.blocking(ctx, () -> {
            List<GoldenCase> cases = ScenarioCatalog.bundled();
            CompileResult compiled = dir().map(RuleBook::compile).orElseGet(RuleBook::compileBundled);
            if (compiled instanceof CompileResult.Failed f) {
                throw new ApiProblem(422, "rules-invalid", "The rules do not compile",
                        f.errors().size() + " errors: " + f.errors().stream().limit(3).toList());
            }
            RuleBook book = ((CompileResult.Compiled) compiled).ruleBook();
            JsonArray rows = new JsonArray();
            List<ScenarioRunner.Result> results = ScenarioRunner.run(book, cases, r -> { });
            results.forEach(r -> rows.add(new JsonObject().put("name", r.name()).put("passed", r.passed())
                    .put("detail", r.detail())));
            long failed = results.stream().filter(r -> !r.passed()).count();
            return new JsonObject().put("scenarios", rows).put("passed", results.size() - failed).put("failed", failed);
        });
    }
}
