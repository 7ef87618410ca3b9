package io.oncesync.server.cli;

import picocli.CommandLine;

/** {@code java -jar oncesync.jar <command>}: the single entry point of the fat jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new OncesyncCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
