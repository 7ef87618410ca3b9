package io.oncesync.server.cli;

import java.nio.file.Path;
import java.util.Optional;

/** Which rules a command works on: the DIR argument, else ONCESYNC_RULES_DIR, else the rules bundled in the jar. */
final class RulesDir {
    private RulesDir() {
    }

    static Optional<Path> resolve(Path argument) {
        if (argument != null) {
            return Optional.of(argument);
        }
        String env = System.getenv("ONCESYNC_RULES_DIR");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env.strip()));
    }

    static String describe(Optional<Path> dir) {
        return dir.map(Path::toString).orElse("the bundled rules");
    }
}
