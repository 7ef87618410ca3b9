package io.oncesync.server.inbox;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/** Transactions over a DataSource, turning SQL failures into {@link InboxUnavailable}. */
final class Jdbc {
    private final DataSource dataSource;
    private final Lock writeLock;
    private final boolean sqlite;

    /**
     * @param sqlite SQLite: take a JVM lock around write transactions (SQLite allows one writer at a time and makes
     *               others wait in its busy handler, which sleeps in steps of up to 100 ms; queueing on a lock in the
     *               JVM instead hands the database over without those sleeps), and run transactions with explicit
     *               {@code BEGIN IMMEDIATE}/{@code COMMIT} statements (see {@link #sqliteTransaction}).
     */
    Jdbc(DataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
        this.writeLock = sqlite ? new ReentrantLock() : null;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransaction(String what, Work<T> work) {
        if (writeLock == null) {
            return transaction(what, work);
        }
        writeLock.lock();
        try {
            return sqliteTransaction(what, work);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A SQLite transaction on a connection left in auto-commit mode, begun and ended by our own statements.
     *
     * <p>Why not {@code setAutoCommit(false)}/{@code commit()}: sqlite-jdbc's {@code commit()} runs {@code COMMIT}
     * and at once {@code BEGIN} of the next transaction. When the disk is full (or the database locked), that BEGIN
     * or the COMMIT fails and SQLite has already ended the transaction: {@code commit()} throws although the data
     * may be committed (a webhook answered "not stored" that was stored), {@code rollback()} then fails with
     * "cannot rollback - no transaction is active", and the pooled connection is left believing it is inside a
     * transaction it is not in. Every later borrower of that connection then ran its statements in auto-commit mode
     * and failed the same way on every claim, forever, even after space was freed. Here COMMIT succeeding is the
     * one sign of a commit, a rollback of an already-ended transaction is harmless, and a connection whose state we
     * cannot vouch for is evicted from the pool.
     */
    private <T> T sqliteTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            execute(connection, "BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(connection);
                execute(connection, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(connection);
                }
            }
        } catch (SQLException e) {
            throw new InboxUnavailable(what + " failed: " + e.getMessage(), false, e);
        }
    }

    private void rollbackQuietly(Connection connection) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("no transaction is active")) {
                evict(connection);
            }
        }
    }

    private void evict(Connection connection) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    // keep the cause that matters; a connection that cannot roll back is not reused
                    e.addSuppressed(rollback);
                    evict(connection);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new InboxUnavailable(what + " failed: " + e.getMessage(), false, e);
        }
    }

    <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new InboxUnavailable(what + " failed: " + e.getMessage(), false, e);
        }
    }

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static Instant instantOrNull(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

}
