package io.oncesync.server.cli;

import picocli.CommandLine.Command;

/** The top-level command; every verb is a subcommand with its own {@code --help}. */
@Command(name = "oncesync", mixinStandardHelpOptions = true, version = "oncesync 0.1.0",
        description = "Keeps a Salesforce org in step with OnceHub webhooks, decided by admin-editable Drools rules.",
        subcommands = {ConfigCommand.class,
                ServeCommand.class,
                DemoCommand.class,
                LocalOrgCommand.class,
                LocalOnceHubCommand.class,
                OnceHubCommand.class,
                BackfillCommand.class,
                RulesCommand.class,
                OrgCommand.class,
                DryRunCommand.class,
                ReplayCommand.class,
                ResumeCommand.class})
final class OncesyncCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
