package io.oncesync.server.cli;

import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.StartupException;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oncesync serve}: production. Runs until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run oncesync: receive OnceHub webhooks, sync them to the connected Salesforce org, serve the"
                + " admin API, /health, /ready and /metrics.",
                "Configuration: ONCESYNC_* environment variables plus an optional file (see the README).",
                "Exit codes: 0 after a clean shutdown, 1 when start-up fails, 2 for invalid configuration."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Config config;
        try {
            config = ConfigLoader.load(System.getenv(), configFile.optional(), ConfigLoader.Purpose.SERVE);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        for (String unknown : ConfigLoader.unknownEnvironmentKeys(System.getenv())) {
            LoggerFactory.getLogger(ServeCommand.class).warn("configuration: {}", unknown);
        }
        OncesyncApp app;
        try {
            app = OncesyncApp.start(config, OncesyncApp.Options.defaults().withModules(RouteModules.installed()));
        } catch (StartupException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } finally {
                stopped.countDown();
            }
        }, "oncesync-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("oncesync is serving on http://" + config.http().host() + ":" + app.port()
                + " (webhooks: POST /webhooks/oncehub; /health, /ready, /metrics). Stop with Ctrl-C or SIGTERM.");
        out.flush();
        stopped.await();
        return 0;
    }
}
