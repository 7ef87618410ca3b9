package io.oncesync.server.cli;

/** The exit codes every subcommand uses (listed in each command's {@code --help} and in the README). */
final class ExitCodes {
    /** Done; nothing wrong found. */
    static final int OK = 0;
    /** The command ran and found problems: rules that do not compile, failing scenarios, a plan that cannot run, … */
    static final int PROBLEMS = 1;
    /** Bad usage or configuration: unknown option, missing file, invalid configuration (picocli's own code too). */
    static final int USAGE = 2;
    /** Salesforce or the database could not be reached or refused the work. */
    static final int UNAVAILABLE = 3;

    /** For {@code @Command(exitCodeListHeading…, exitCodeList = …)}. */
    static final String LIST_HEADING = "%nExit codes:%n";

    private ExitCodes() {
    }
}
