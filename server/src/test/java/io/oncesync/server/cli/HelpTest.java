package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("every subcommand answers --help")
class HelpTest {
    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"local-org", "rules check", "rules test", "dry-run", "replay", "org snapshot",
            "local-oncehub", "backfill", "oncehub"})
    @DisplayName("--help prints the usage with the exit codes and exits 0")
    void help(String command) {
        String[] words = (command + " --help").split(" ");
        Cli r = Cli.run(words);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: oncesync " + command).contains("Exit codes:").contains("0 ");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the top-level --help lists the OnceHub commands")
    void topLevelListsOnceHubCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.out()).contains("local-oncehub").contains("backfill").contains("oncehub ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rules", "org", "oncehub"})
    @DisplayName("a command group without its subcommand prints the usage and exits 2")
    void groups(String command) {
        Cli r = Cli.run(command);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: oncesync " + command);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("every command's line in its parent's command list is a whole sentence, not a description cut short")
    void commandListLinesAreSentences() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            picocli.CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
            // picocli lists a subcommand by its header, else by the first line of its description
            String listed = usage.header().length > 0 ? usage.header()[0]
                    : usage.description().length > 0 ? usage.description()[0] : "";
            if (cl.getParent() != null && !listed.strip().endsWith(".")) {
                cut.add(cl.getCommandSpec().qualifiedName() + ": \"" + listed + "\"");
            }
            todo.addAll(cl.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).toList());
        }
        assertThat(cut).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"config", "serve", "dry-run", "replay", "resume", "backfill", "org snapshot", "oncehub"})
    @DisplayName("every command that reads the configuration offers the same --config FILE option")
    void sameConfigOption(String command) {
        Cli r = Cli.run((command + " --help").split(" "));
        assertThat(r.out()).contains("--config=FILE").contains("Optional properties file (keys oncesync.*); the",
                "environment wins.");
    }
}
