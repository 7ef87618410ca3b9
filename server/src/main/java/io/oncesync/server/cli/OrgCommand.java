package io.oncesync.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oncesync org snapshot}: tools for the Salesforce org. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Tools for the Salesforce org.",
        subcommands = {OrgSnapshotCommand.class})
final class OrgCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
