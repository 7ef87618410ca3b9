package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Poison-event protection: an event whose processing was interrupted as often as allowed (the process died with it in
 * hand, or its lease ran out, each time) becomes a dead letter instead of being claimed again, and its ordering keys
 * are freed so the events behind it go on. Runs inside the caller's transaction.
 */
final class Quarantine {
    /** Frees an event's ordering keys: the events queued behind it on the same keys become claimable. */
    static final String DROP_KEYS = "DELETE FROM inbox_open_key WHERE event_pk = ?";
    private static final String QUARANTINE = """
            UPDATE inbox_event SET status = 'DEAD', claim_token = NULL, lease_until = NULL, finished_at = ?,
                   interrupted = interrupted + 1, last_error = ?
            WHERE id = ?""";

    private final int after;

    /** @param after how many interruptions make an event a dead letter */
    Quarantine(int after) {
        this.after = after;
    }

    /**
     * Quarantines, as dead letters, the claimed events matching {@code where} whose processing has now been
     * interrupted as often as allowed; {@code how} says what interrupted it this time. Answers how many.
     */
    int apply(Connection c, String where, long now, String how) throws SQLException {
        List<long[]> doomed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, interrupted, attempts FROM inbox_event WHERE "
                + where + " AND interrupted + 1 >= ?")) {
            ps.setInt(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    doomed.add(new long[] {rs.getLong(1), rs.getLong(2) + 1, rs.getLong(3)});
                }
            }
        }
        try (PreparedStatement dead = c.prepareStatement(QUARANTINE);
             PreparedStatement drop = c.prepareStatement(DROP_KEYS)) {
            for (long[] d : doomed) {
                dead.setLong(1, now);
                dead.setString(2, "quarantined: processing this event was interrupted " + d[1] + " times (" + how
                        + "; the process stopped, or the work outlived its lease or its time limit, each time, e.g. a rule"
                        + " that exits or never ends) after " + d[2] + " attempts; fix the cause, then replay this delivery");
                dead.setLong(3, d[0]);
                dead.addBatch();
                drop.setLong(1, d[0]);
                drop.addBatch();
            }
            dead.executeBatch();
            drop.executeBatch();
        }
        return doomed.size();
    }
}
