package io.oncesync.server.inbox;

import io.oncesync.server.config.OwnerOnly;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind the inbox and the booking ledger: opened, migrated to the current schema, and closed as one.
 *
 * <pre>{@code
 * try (InboxDatabase db = InboxDatabase.sqlite(Path.of("data"), InboxOptions.defaults())) {
 *     InboxStore inbox = db.inbox();
 *     BookingLedger ledger = db.ledger();
 * }
 * }</pre>
 */
public final class InboxDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxDatabase.class);
    /** The SQLite file inside the data directory. */
    public static final String SQLITE_FILE = "oncesync.db";

    /**
     * How long a caller waits for a connection when the database is gone: short, so a webhook gets a 503 and /ready
     * turns down within seconds instead of Hikari's default 30 s.
     */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final GroupCommitter committer;
    private final JdbcInboxStore inbox;
    private final JdbcLedgerStore ledger;
    private final JdbcAuditLog audit;
    private final Deliveries deliveries;
    private final WritePath writes;
    private final Clock clock;
    private final Jdbc jdbc;
    private final InboxOptions options;
    private final InstanceId instanceId = InstanceId.generate();
    /** Opens the dedicated LISTEN connection (PostgreSQL); null for SQLite. */
    private final Callable<Connection> listenConnection;
    private Signals signals;
    private final JdbcWatermarkStore watermarks;

    private InboxDatabase(HikariDataSource dataSource, Dialect dialect, InboxOptions options,
                          Callable<Connection> listenConnection) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.options = options;
        this.listenConnection = listenConnection;
        Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation()).load().migrate();
        Jdbc jdbc = new Jdbc(dataSource, dialect == Dialect.SQLITE);
        this.jdbc = jdbc;
        this.committer = new GroupCommitter(jdbc, options.clock(), options.admitQueueCapacity(), options.admitQueueBytes(),
                options.maxGroupSize(), dialect.notifyWorkSql());
        WritePath writes = new WritePath(jdbc, committer, dialect == Dialect.SQLITE);
        this.inbox = new JdbcInboxStore(jdbc, dialect, options.clock(), committer, writes, instanceId.id(),
                options.quarantineAfter());
        this.writes = writes;
        this.clock = options.clock();
        this.ledger = new JdbcLedgerStore(jdbc, writes, options.clock());
        this.audit = new JdbcAuditLog(jdbc, writes, options.clock());
        this.deliveries = new Deliveries(jdbc);
        this.watermarks = new JdbcWatermarkStore(jdbc, writes, options.clock());
    }

    /**
     * Opens (creating if needed) {@code dataDir/oncesync.db} in WAL mode, by default with an fsync on every commit. SQLite serves
     * one oncesync instance: events that were being processed when the previous run stopped are due again at once.
     */
    public static InboxDatabase sqlite(Path dataDir, InboxOptions options) {
        InboxDatabase db = openSqlite(dataDir, options);
        int released = db.inbox.releaseAllProcessing();
        if (released > 0) {
            LOG.info("{} events were in progress when oncesync last stopped; they are due again", released);
        }
        return db;
    }

    /**
     * Opens the SQLite inbox for a tool working beside a running server ({@code oncesync replay}): unlike
     * {@link #sqlite}, events the server is processing right now are left alone.
     */
    public static InboxDatabase sqliteBesideServer(Path dataDir, InboxOptions options) {
        return openSqlite(dataDir, options);
    }

    private static InboxDatabase openSqlite(Path dataDir, InboxOptions options) {
        // Owner-only: the directory 700, the database 600 before SQLite opens it (its -wal and -shm files take the
        // database file's mode), existing files tightened with a warning.
        OwnerOnly.directory(dataDir);
        OwnerOnly.file(dataDir.resolve(SQLITE_FILE));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before we acknowledge it, even if the machine loses power.
        config.setSynchronous(options.durability() == InboxOptions.Durability.POWER_LOSS
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        // Bounded: a database locked by another process answers a webhook 503 within this, never hangs it.
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        // IMMEDIATE: write transactions take the lock up front, so they queue on busy_timeout instead of
        // failing with SQLITE_BUSY when a read lock must be upgraded.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath());
        return new InboxDatabase(pool(sqlite, "oncesync-sqlite", 4, options), Dialect.SQLITE, options, null);
    }

    /** Opens a PostgreSQL database shared by any number of oncesync instances. */
    public static InboxDatabase postgres(String jdbcUrl, String user, String password, InboxOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(options.postgresPoolSize());
        config.setPoolName("oncesync-postgres");
        config.setConnectionTimeout(connectionTimeout(options));
        return new InboxDatabase(new HikariDataSource(config), Dialect.POSTGRESQL, options,
                () -> DriverManager.getConnection(jdbcUrl, user, password));
    }

    /** Opens a PostgreSQL database reached through an existing (unpooled) DataSource, e.g. in tests. */
    public static InboxDatabase postgres(DataSource dataSource, InboxOptions options) {
        return new InboxDatabase(pool(dataSource, "oncesync-postgres", options.postgresPoolSize(), options),
                Dialect.POSTGRESQL, options, dataSource::getConnection);
    }

    private static HikariDataSource pool(DataSource target, String name, int size, InboxOptions options) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.setConnectionTimeout(connectionTimeout(options));
        return new HikariDataSource(config);
    }

    /** Hikari's wait for a connection: short (not its default 30 s), and never below its 250 ms minimum. */
    private static long connectionTimeout(InboxOptions options) {
        return Math.max(250, Math.min(CONNECTION_TIMEOUT_MS, Math.max(options.busyTimeout().toMillis(), 1_000)));
    }

    /**
     * Proves the database takes writes now by rewriting one probe row (a full disk still serves reads, so a read
     * proves nothing); throws {@link InboxUnavailable} with the database's own words when it does not.
     */
    public void probeWrite() {
        long now = clock.millis();
        writes.write("writing the readiness probe", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO storage_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                return ps.executeUpdate();
            }
        });
    }

    public InboxStore inbox() {
        return inbox;
    }

    public io.oncesync.engine.port.BookingLedger ledger() {
        return ledger;
    }

    /** The admin API's audit trail (same database). */
    public AuditLog audit() {
        return audit;
    }

    /** Inbox search for the admin API. */
    public Deliveries deliveries() {
        return deliveries;
    }

    /** The OnceHub reconciliation's watermarks (same database). */
    public WatermarkStore watermarks() {
        return watermarks;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether several instances may share this database (PostgreSQL) and so share rules, settings and the org. */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** This process's identity, recorded on its claims. */
    public InstanceId instanceId() {
        return instanceId;
    }

    /**
     * Change signals between the instances on this database, started on first use: LISTEN/NOTIFY on PostgreSQL,
     * in-process on SQLite. Tools that open the database briefly (replay) never start them.
     */
    public synchronized Signals signals() {
        if (signals == null) {
            signals = shared() ? new PgSignals(listenConnection, dataSource) : Signals.inProcess();
        }
        return signals;
    }

    /** The live instances (PostgreSQL only). */
    public InstanceRegistry instances() {
        requireShared("instances");
        return new InstanceRegistry(jdbc, instanceId, options.instanceTimeout());
    }

    /** Rule sets published to every instance (PostgreSQL only). */
    public SharedRules sharedRules() {
        requireShared("shared rules");
        return new SharedRules(jdbc, options.clock());
    }

    /** Named state shared by every instance (PostgreSQL only). */
    public SharedState sharedState() {
        requireShared("shared state");
        return new SharedState(jdbc, options.clock());
    }

    private void requireShared(String what) {
        if (!shared()) {
            throw new IllegalStateException(what + " exist only on a PostgreSQL database shared by several instances");
        }
    }

    /** Commits what is queued for admission, then closes the connections. */
    @Override
    public void close() {
        synchronized (this) {
            if (signals != null) {
                signals.close();
            }
        }
        committer.close();
        dataSource.close();
    }
}
