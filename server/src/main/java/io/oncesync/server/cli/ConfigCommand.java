package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code oncesync config}: validates the configuration and prints it with secrets redacted. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Validate the configuration (environment + optional file) and print it, secrets redacted.")
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption configFile;

    @Option(names = "--for-serve", description = "Also require what 'serve' needs (webhook secret, admin token, …).")
    boolean forServe;

    @Override
    public Integer call() {
        try {
            Config config = ConfigLoader.load(System.getenv(), configFile.optional(),
                    forServe ? ConfigLoader.Purpose.SERVE : ConfigLoader.Purpose.TOOL);
            spec.commandLine().getOut().println(config);
            ConfigLoader.unknownEnvironmentKeys(System.getenv())
                    .forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
