package io.oncesync.server.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option of every command that reads oncesync's configuration, mixed in with
 * {@code @Mixin}: the same name, label and help everywhere. ({@code oncehub} declares its own, inherited by its
 * subcommands.)
 */
final class ConfigFileOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Optional properties file (keys oncesync.*); the environment wins.")
    private Path file;

    /** The file given, or null. */
    Path path() {
        return file;
    }

    Optional<Path> optional() {
        return Optional.ofNullable(file);
    }
}
