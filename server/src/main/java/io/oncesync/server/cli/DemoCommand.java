package io.oncesync.server.cli;

import io.oncesync.server.demo.Demo;
import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.StartupException;
import io.oncesync.server.app.RouteModules;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncesync demo}: the whole thing on a local org, with nothing to configure. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local Salesforce org with sample data and oncesync on an embedded database, send the"
                + " bundled sample OnceHub webhooks (signed) through the real HTTP endpoint, and print what happened in"
                + " Salesforce and which rules decided. Then keep running so you can try the console (a sign-in link is"
                + " printed), the admin API and the URLs it prints (Ctrl-C to stop), or stop at once with --exit.",
                "Exit codes: 0 when every webhook was accepted and applied or ignored, 1 when one was refused, ended"
                        + " as a dead letter or did not finish, 2 for bad options."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--exit", description = "Exit after printing the results (exit code 1 if any event failed).")
    boolean exit;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the oncesync server (default ${DEFAULT-VALUE}; a free one if taken).")
    int port;

    @Option(names = "--org-port", paramLabel = "PORT", defaultValue = "9440",
            description = "Port of the local Salesforce org (default ${DEFAULT-VALUE}; a free one if taken).")
    int orgPort;

    @Option(names = "--verbose", description = "Show oncesync's log lines (one per event, with event and booking id).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.drools", "error");
        }
        PrintStream out = System.out;
        out.println("oncesync demo: starting a local Salesforce org and oncesync on an embedded SQLite inbox...");
        Demo demo;
        try {
            demo = Demo.start(new Demo.Settings("127.0.0.1", port, orgPort), RouteModules.installed());
        } catch (StartupException e) {
            spec.commandLine().getErr().println("the demo could not start: " + e.getMessage());
            return 1;
        }
        Demo.Result result;
        try {
            result = demo.sendSamples();
            demo.print(result, out);
        } catch (Exception e) {
            demo.close();
            spec.commandLine().getErr().println("the demo failed: " + e);
            return 1;
        }
        out.println();
        if (!result.ok()) {
            out.println("Something went wrong: " + (result.drained() ? "" : "not every event finished; ")
                    + (result.allAcknowledged() ? "" : "a webhook was refused; ")
                    + (result.anyDead() ? "an event ended as a dead letter (see the error above)" : ""));
        } else {
            out.println("All " + result.deliveries().size() + " webhooks were accepted and synced.");
        }
        if (exit) {
            demo.close();
            return result.ok() ? 0 : 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                demo.close();
            } finally {
                stopped.countDown();
            }
        }, "oncesync-demo-shutdown"));
        out.println("Running; press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return result.ok() ? 0 : 1;
    }
}
