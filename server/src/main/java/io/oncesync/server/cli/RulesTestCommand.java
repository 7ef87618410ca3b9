package io.oncesync.server.cli;

import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleProblem;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.scenarios.GoldenCase;
import io.oncesync.scenarios.ScenarioCatalog;
import io.oncesync.scenarios.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oncesync rules test [DIR]}: the golden scenarios against the given rules, as a pass/fail table. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the golden scenarios against the DRL policies and settings in DIR.",
        description = {"Run the golden scenarios (payload + org state -> expected plan and trace) against the DRL",
                "policies in DIR and print a pass/fail table as they run. Scenarios use the bundled settings.yaml",
                "with each scenario's own overlay, as their expected outcomes were written against them."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:every scenario passed", "1:a scenario failed or the rules do not compile",
                "2:DIR or the scenarios folder cannot be read"})
final class RulesTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "Rules directory (*.drl). Default: ONCESYNC_RULES_DIR, else the bundled rules.")
    Path dir;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "A folder of scenario folders (payload.json, org.json, expected.json, optional settings.yaml)"
                    + " instead of the bundled golden scenarios.")
    Path scenarios;

    @Option(names = {"-v", "--verbose"}, description = "Print the actual outcome of failing scenarios.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> rules = RulesDir.resolve(dir);
        if (rules.isPresent() && !Files.isDirectory(rules.get())) {
            err.println("rules test: " + rules.get() + " is not a directory");
            return ExitCodes.USAGE;
        }
        List<GoldenCase> cases;
        try {
            cases = scenarios == null ? ScenarioCatalog.bundled() : ScenarioCatalog.fromDirectory(scenarios);
        } catch (IOException | RuntimeException e) {
            err.println("rules test: cannot read the scenarios: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (cases.isEmpty()) {
            err.println("rules test: no scenarios (folders with a payload.json) in " + scenarios);
            return ExitCodes.USAGE;
        }
        out.println("Compiling " + RulesDir.describe(rules) + " …");
        out.flush();
        CompileResult compiled = rules.map(RuleBook::compile).orElseGet(RuleBook::compileBundled);
        if (compiled instanceof CompileResult.Failed failed) {
            for (RuleProblem e : failed.errors()) {
                err.println(rules.map(d -> d + java.io.File.separator).orElse("") + e);
            }
            out.println("FAILED: the rules do not compile");
            return ExitCodes.PROBLEMS;
        }
        RuleBook book = ((CompileResult.Compiled) compiled).ruleBook();
        int width = Math.max(8, cases.stream().mapToInt(c -> c.name().length()).max().orElse(8));
        String row = "%-" + width + "s  %-6s %s%n";
        out.printf("Running %d scenarios%n%n", cases.size());
        out.printf(row, "scenario", "result", "detail");
        out.printf(row, "-".repeat(width), "------", "------");
        out.flush();
        List<ScenarioRunner.Result> results = ScenarioRunner.run(book, cases, r -> {
            out.printf(row, r.name(), r.passed() ? "PASS" : "FAIL", r.detail());
            if (!r.passed() && verbose && r.actual() != null) {
                out.println(r.actual().indent(4));
            }
            out.flush();
        });
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%n%d scenarios: %d passed, %d failed%n", results.size(), results.size() - failed, failed);
        return failed == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
