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
}
