package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/** Transactions over a DataSource, turning SQL failures into {@link InboxUnavailable}. */
final class Jdbc {
    private final DataSource dataSource;
    private final Lock writeLock;

    /**
     * @param serialiseWrites take a JVM lock around write transactions. SQLite allows one writer at a time and
     *                        makes others wait in its busy handler, which sleeps in steps of up to 100 ms; queueing
     *                        on a lock in the JVM instead hands the database over without those sleeps.
     */
    Jdbc(DataSource dataSource, boolean serialiseWrites) {
        this.dataSource = dataSource;
        this.writeLock = serialiseWrites ? new ReentrantLock() : null;
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
            return transaction(what, work);
        } finally {
            writeLock.unlock();
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
                connection.rollback();
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
