package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
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

    /**
     * The server's database as the configuration names it: the SQLite file in DATA_DIR beside a running server, or the
     * shared PostgreSQL.
     */
    static InboxDatabase openDatabase(Config config) {
        Config.Storage s = config.storage();
        return s.embedded() ? InboxDatabase.sqliteBesideServer(s.dataDir(), InboxOptions.defaults())
                : InboxDatabase.postgres(s.jdbcUrl().orElseThrow(), s.user(), s.password().reveal(), InboxOptions.defaults());
    }
}
