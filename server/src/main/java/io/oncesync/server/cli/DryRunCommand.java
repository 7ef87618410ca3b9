package io.oncesync.server.cli;

import io.oncesync.engine.rulebook.RuleProblem;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.server.admin.DryRun;
import io.oncesync.server.admin.DryRunText;
import io.oncesync.server.admin.RulesCheck;
import io.oncesync.engine.oncehub.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oncesync dry-run PAYLOAD}: the plan and trace for one webhook body, writing nothing. */
@Command(name = "dry-run", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Decide one OnceHub webhook body with the rules and print the plan and trace; writes nothing.",
        description = {"Decide one OnceHub webhook body (a file, or - for stdin) with the rules, looking the guest up in",
                "Salesforce, and print the plan and the trace: which rules fired and where every field value came from.",
                "Nothing is written to Salesforce. --local uses an in-process local org; otherwise the configured org",
                "is reached as serve reaches it (client credentials, or the connection the server stored)."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:decided: the plan could run (or the event is one oncesync ignores)",
                "1:the payload is malformed, the plan has validation failures or contradictions, or the rules are invalid",
                "2:bad option, unreadable file or configuration", "3:Salesforce unreachable or refused"})
final class DryRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PAYLOAD", description = "The webhook body (JSON file), or - to read stdin.")
    String payload;

    @Option(names = "--local", description = "Use an in-process local org (standard schema; see --schema and --seed).")
    boolean local;

    @Option(names = "--schema", paramLabel = "FILE", description = "With --local: schema extension (e.g. from 'org snapshot').")
    Path schema;

    @Option(names = "--seed", paramLabel = "FILE", description = "With --local: records to find (the /_localorg/dump format).")
    Path seed;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules directory (*.drl, settings.yaml). Default: ONCESYNC_RULES_DIR, else bundled.")
    Path rulesDir;

    @Option(names = "--json", description = "Print the outcome as JSON (the admin API's dry-run answer).")
    boolean json;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] body;
        try {
            body = read(payload);
        } catch (IOException e) {
            err.println("dry-run: cannot read " + payload + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<Path> rules = RulesDir.resolve(rulesDir);
        if ((schema != null || seed != null) && !local) {
            err.println("dry-run: --schema and --seed go with --local");
            return ExitCodes.USAGE;
        }
        try (OrgAccess org = local ? OrgAccess.local(schema, seed) : OrgAccess.configured(configFile.path())) {
            err.println("Deciding with " + RulesDir.describe(rules) + " against " + org.description() + " (nothing is written)");
            err.flush();
            OrgMetadata metadata = org.gateway().metadata().describe(java.util.EnumSet.allOf(io.oncesync.engine.org.SObjectType.class));
            RulesCheck.Outcome checked = rules.map(d -> RulesCheck.directory(d, metadata)).orElseGet(() -> RulesCheck.bundled(metadata));
            if (!checked.ok()) {
                checked.problems().stream().map(RuleProblem::toString).forEach(err::println);
                return ExitCodes.PROBLEMS;
            }
            DryRun.Outcome outcome;
            try (LedgerAccess ledger = local ? LedgerAccess.none() : LedgerAccess.configured(configFile.path())) {
                err.println(ledger.description());
                err.flush();
                outcome = new DryRun(org.gateway().candidateLookup(), org.gateway().metadata(), ledger.ledger())
                        .run(body, checked.book().orElseThrow(), checked.settings().orElseThrow());
            }
            out.print(json ? DryRunText.json(outcome) : DryRunText.text(outcome));
            out.flush();
            if (outcome.parsed() instanceof ParseResult.Malformed) {
                return ExitCodes.PROBLEMS;
            }
            return outcome.decision().map(d -> d.executable() ? ExitCodes.OK : ExitCodes.PROBLEMS).orElse(ExitCodes.OK);
        } catch (OrgAccess.Unusable e) {
            err.println("dry-run: " + e.getMessage());
            return e.exitCode;
        } catch (CallFailure e) {
            err.println("dry-run: Salesforce: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }

    private byte[] read(String source) throws IOException {
        if (source.equals("-")) {
            InputStream in = System.in;
            return in.readAllBytes();
        }
        return Files.readAllBytes(Path.of(source));
    }
}
