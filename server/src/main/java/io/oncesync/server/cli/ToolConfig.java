package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** The configuration a command-line tool reads: the environment, then the optional {@code --config} file. */
final class ToolConfig {
    private ToolConfig() {
    }

    /** The configuration, or empty after every problem was printed to {@code err} (the tool then exits with USAGE). */
    static Optional<Config> load(Path file, PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(System.getenv(), Optional.ofNullable(file), ConfigLoader.Purpose.TOOL));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }
}
