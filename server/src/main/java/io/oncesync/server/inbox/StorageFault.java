package io.oncesync.server.inbox;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a failure of the storage itself (disk full, database locked by another process, I/O error, no connection)
 * from a failure of one particular change: the first fails every change alike and heals by itself once the disk
 * or the lock frees; the second is a bug or a conflict of that one change.
 */
final class StorageFault {
    private static final Set<SQLiteErrorCode> STORAGE = Set.of(SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_BUSY,
            SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_PROTOCOL);

    private StorageFault() {
    }

    /** Whether {@code failure} (or a cause of it) is a fault of the storage rather than of the change. */
    static boolean of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLiteException e && STORAGE.contains(primary(e.getResultCode()))) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return true; // PostgreSQL: connection exception
            }
        }
        return false;
    }

    private static SQLiteErrorCode primary(SQLiteErrorCode code) {
        return code == null ? SQLiteErrorCode.UNKNOWN_ERROR : SQLiteErrorCode.getErrorCode(code.code & 0xff);
    }
}
