package io.oncesync.server.cli;

import io.oncesync.engine.rulebook.RuleProblem;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.server.admin.OrgMetadataFiles;
import io.oncesync.server.admin.RulesCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oncesync rules check [DIR]}: compile the DRL and validate the settings; file:line messages. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Compile the DRL policies in DIR and validate its settings.yaml.",
        description = {"Compile the DRL policies in DIR and validate DIR/settings.yaml (the bundled settings when absent)",
                "against the org's fields: the standard objects, or a schema snapshot (--org-schema).",
                "Every problem is printed as file:line: message."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:the rules compile and the settings are valid", "1:problems found (printed)",
                "2:DIR or the schema file cannot be read"})
final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "Rules directory (*.drl, optional settings.yaml). Default: ONCESYNC_RULES_DIR, else the bundled rules.")
    Path dir;

    @Option(names = "--org-schema", paramLabel = "FILE",
            description = "Validate against this schema snapshot (written by 'oncesync org snapshot') instead of the standard objects.")
    Path orgSchema;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> rules = RulesDir.resolve(dir);
        if (rules.isPresent() && !Files.isDirectory(rules.get())) {
            err.println("rules check: " + rules.get() + " is not a directory");
            return ExitCodes.USAGE;
        }
        OrgMetadata metadata;
        try {
            metadata = orgSchema == null ? OrgMetadataFiles.standard() : OrgMetadataFiles.withSnapshot(orgSchema);
        } catch (IOException e) {
            err.println("rules check: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println("Checking " + RulesDir.describe(rules) + " against "
                + (orgSchema == null ? "the standard Salesforce objects" : orgSchema.toString()) + " …");
        out.flush();
        RulesCheck.Outcome outcome = rules.map(d -> RulesCheck.directory(d, metadata)).orElseGet(() -> RulesCheck.bundled(metadata));
        outcome.warnings().forEach(w -> out.println(w));
        if (!outcome.problems().isEmpty()) {
            for (RuleProblem p : outcome.problems()) {
                err.println(p);
            }
            out.println("FAILED: " + outcome.problems().size() + " problem" + (outcome.problems().size() == 1 ? "" : "s"));
            return ExitCodes.PROBLEMS;
        }
        out.println("OK: " + outcome.files().size() + " DRL files, " + outcome.ruleCount() + " rules compiled; "
                + outcome.settingsSource() + " is valid");
        return ExitCodes.OK;
    }
}
