package io.oncesync.server.cli;

import io.oncesync.engine.port.BookingLedger;
import io.oncesync.server.admin.DryRun;
import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The booking ledger a dry run against the configured org reads, so updates, reschedules and cancellations are
 * decided against what the server already wrote: the server's database when it exists (opened beside the running
 * server, never created), else none.
 */
final class LedgerAccess implements AutoCloseable {
    private final InboxDatabase db;
    private final BookingLedger ledger;
    private final String description;

    private LedgerAccess(InboxDatabase db, BookingLedger ledger, String description) {
        this.db = db;
        this.ledger = ledger;
        this.description = description;
    }

    static LedgerAccess none() {
        return new LedgerAccess(null, DryRun.NO_LEDGER, "No booking ledger: every booking is new to oncesync.");
    }

    static LedgerAccess configured(Path configFile) {
        try {
            Config.Storage s = ConfigLoader.load(System.getenv(), Optional.ofNullable(configFile), ConfigLoader.Purpose.TOOL).storage();
            if (s.embedded()) {
                Path file = s.dataDir().resolve(InboxDatabase.SQLITE_FILE);
                if (!Files.exists(file)) {
                    return new LedgerAccess(null, DryRun.NO_LEDGER, "No booking ledger (" + file + " does not exist).");
                }
                InboxDatabase db = InboxDatabase.sqliteBesideServer(s.dataDir(), InboxOptions.defaults());
                return new LedgerAccess(db, db.ledger(), "Booking ledger: " + file);
            }
            InboxDatabase db = InboxDatabase.postgres(s.jdbcUrl().orElseThrow(), s.user(), s.password().reveal(), InboxOptions.defaults());
            return new LedgerAccess(db, db.ledger(), "Booking ledger: the PostgreSQL database");
        } catch (ConfigException | RuntimeException e) {
            return new LedgerAccess(null, DryRun.NO_LEDGER, "No booking ledger (" + e.getMessage() + ").");
        }
    }

    BookingLedger ledger() {
        return ledger;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
    }
}
