package io.oncesync.server.inbox;

/** The SQL differences between the two supported databases. */
public enum Dialect {
    /*
     * One instance, one writer: claims are serialised by SQLite itself. Its planner, without statistics, would sort
     * every due event on each claim: name the ordered index.
     */
    SQLITE("sqlite", false, "", " INDEXED BY inbox_event_open_order", null),
    /*
     * Several instances claim at once. Each takes a transaction-scoped advisory lock per ordering key of the events it
     * wants (pg_try_advisory_xact_lock, never waiting), then re-checks them in a new statement that sees every claim
     * committed before the lock was granted: two instances never both decide "this key is free", while events of
     * unrelated keys are claimed in parallel. FOR UPDATE SKIP LOCKED keeps a claim from waiting on rows another
     * instance is settling. Admissions and settlements NOTIFY, so idle instances learn about work at once.
     */
    POSTGRESQL("postgresql", true, " FOR UPDATE OF e SKIP LOCKED", "", "NOTIFY " + Dialect.WORK_CHANNEL);

    /** The LISTEN/NOTIFY channel that says "claimable work may exist". */
    public static final String WORK_CHANNEL = "oncesync_work";

    private final String migrationFolder;
    private final boolean locksKeys;
    private final String claimLockSuffix;
    private final String claimIndexHint;
    private final String notifyWorkSql;

    Dialect(String migrationFolder, boolean locksKeys, String claimLockSuffix, String claimIndexHint,
            String notifyWorkSql) {
        this.migrationFolder = migrationFolder;
        this.locksKeys = locksKeys;
        this.claimLockSuffix = claimLockSuffix;
        this.claimIndexHint = claimIndexHint;
        this.notifyWorkSql = notifyWorkSql;
    }

    /** Follows {@code FROM inbox_event e} in the claim query. */
    String claimIndexHint() {
        return claimIndexHint;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** Whether claims lock each ordering key (several instances) instead of relying on a single writer. */
    boolean locksKeys() {
        return locksKeys;
    }

    String claimLockSuffix() {
        return claimLockSuffix;
    }

    /** Run inside a transaction that made work claimable (delivered on commit), or null. */
    String notifyWorkSql() {
        return notifyWorkSql;
    }
}
