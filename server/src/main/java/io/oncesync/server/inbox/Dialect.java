package io.oncesync.server.inbox;

/** The SQL differences between the two supported databases. */
public enum Dialect {
    /* SQLite's planner, without statistics, would sort every due event on each claim: name the ordered index. */
    SQLITE("sqlite", null, "", " INDEXED BY inbox_event_open_order"),
    /*
     * Claims take a transaction-scoped advisory lock so two instances never decide "this key is free" from the
     * same snapshot; FOR UPDATE SKIP LOCKED additionally keeps a claim from waiting on rows another instance
     * is settling.
     */
    POSTGRESQL("postgresql", "SELECT pg_advisory_xact_lock(4207151)", " FOR UPDATE OF e SKIP LOCKED", "");

    private final String migrationFolder;
    private final String claimLockSql;
    private final String claimLockSuffix;
    private final String claimIndexHint;

    Dialect(String migrationFolder, String claimLockSql, String claimLockSuffix, String claimIndexHint) {
        this.migrationFolder = migrationFolder;
        this.claimLockSql = claimLockSql;
        this.claimLockSuffix = claimLockSuffix;
        this.claimIndexHint = claimIndexHint;
    }

    /** Follows {@code FROM inbox_event e} in the claim query. */
    String claimIndexHint() {
        return claimIndexHint;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** A statement run first in every claim transaction, or null. */
    String claimLockSql() {
        return claimLockSql;
    }

    String claimLockSuffix() {
        return claimLockSuffix;
    }
}
