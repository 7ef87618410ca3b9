package io.oncesync.server.cli;

import java.io.PrintWriter;
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
        return commandLine().execute(args);
    }

    /** Runs one command line writing to {@code out} and {@code err} (tests capture the output this way). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new OncesyncCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
