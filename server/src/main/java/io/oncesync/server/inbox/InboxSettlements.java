package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recording what became of claimed events — applied, ignored, dead, due again after a backoff, released — and
 * undoing it by a replay. Every update is conditional on the claim token and the {@code PROCESSING} status
 * ({@link #HELD}): a worker whose lease ran out and whose event was taken over by another claim cannot overwrite the
 * newer claim's outcome. Finishing an event deletes its ordering keys, which lets the next event on those keys be
 * claimed ({@link InboxClaims}); a replay puts them back.
 */
final class InboxSettlements {
    private static final String HELD = " WHERE id = ? AND claim_token = ? AND status = 'PROCESSING'";
    private static final String FINISH = """
            UPDATE inbox_event SET status = ?, claim_token = NULL, lease_until = NULL, finished_at = ?,
                   last_error = ?, decision_trace = ?, person_id = ?, record_ids = ?""" + HELD;
    private static final String RETRY = """
            UPDATE inbox_event SET status = 'RETRY', claim_token = NULL, lease_until = NULL, next_attempt_at = ?,
                   last_error = ?, decision_trace = ?""" + HELD;
    /** Undoes the claim: the attempt it counted is given back (a pause is not the event's fault); an event still
     * running at shutdown counts an interruption towards quarantine. */
    private static final String RELEASE = """
            UPDATE inbox_event SET status = CASE WHEN attempts <= 1 THEN 'RECEIVED' ELSE 'RETRY' END,
                   attempts = attempts - 1, claim_token = NULL, lease_until = NULL, next_attempt_at = ?,
                   last_error = COALESCE(?, last_error), interrupted = interrupted + ?""" + HELD;

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Clock clock;
    private final WritePath writes;
    private final Quarantine quarantine;

    InboxSettlements(Jdbc jdbc, Dialect dialect, Clock clock, WritePath writes, Quarantine quarantine) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.writes = writes;
        this.quarantine = quarantine;
    }

    /** See {@link InboxStore#settle}: all of a batch's outcomes in one transaction. */
    void settle(ClaimedBatch batch, Map<Long, Settlement> settlements) {
        long now = Jdbc.millis(clock.instant());
        writes.write("settling " + settlements.size() + " events", c -> {
            for (Map.Entry<Long, Settlement> entry : settlements.entrySet()) {
                settleOne(c, batch.token(), entry.getKey(), entry.getValue(), now);
            }
            notifyWork(c);
            return null;
        });
    }

    /** See {@link InboxStore#release}: the whole batch back to the inbox, due now. */
    void release(ClaimedBatch batch) {
        Instant now = clock.instant();
        Map<Long, Settlement> released = new LinkedHashMap<>();
        batch.events().forEach(e -> released.put(e.id(), new Settlement.Released(now)));
        settle(batch, released);
    }

    /** Tells the other instances (on commit) that events may have become claimable. */
    private void notifyWork(Connection c) throws SQLException {
        if (dialect.notifyWorkSql() != null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.notifyWorkSql())) {
                ps.execute();
            }
        }
    }

    /** Records one settlement; returns the rows changed (0 when the claim was no longer held). */
    private int settleOne(Connection c, String token, long id, Settlement s, long now) throws SQLException {
        if (s instanceof Settlement.Released released && released.interrupted()
                && quarantine.apply(c, "id = " + id + " AND claim_token = '" + token.replace("'", "") + "'", now,
                        released.reason() != null ? released.reason()
                                : "it was still being processed when the service stopped") == 1) {
            return 1;
        }
        return switch (s.kind()) {
            case RETRY -> {
                Settlement.Retry retry = (Settlement.Retry) s;
                yield update(c, RETRY, id, token, Jdbc.millis(retry.nextAttemptAt()), retry.error(), retry.trace());
            }
            case RELEASED -> {
                Settlement.Released released = (Settlement.Released) s;
                yield update(c, RELEASE, id, token, Jdbc.millis(released.nextAttemptAt()), released.reason(),
                        released.interrupted() ? 1 : 0);
            }
            case APPLIED -> {
                Settlement.Applied a = (Settlement.Applied) s;
                yield finish(c, id, token, now, InboxStatus.APPLIED, null, a.trace(), a.personId(),
                        String.join(",", a.recordIds()));
            }
            case IGNORED -> {
                Settlement.Ignored i = (Settlement.Ignored) s;
                yield finish(c, id, token, now, InboxStatus.IGNORED, null, "ignored: " + i.reason()
                        + (i.trace() == null ? "" : "\n" + i.trace()), null, null);
            }
            case DEAD -> {
                Settlement.Dead d = (Settlement.Dead) s;
                yield finish(c, id, token, now, InboxStatus.DEAD, d.error(), d.trace(), null, null);
            }
        };
    }

    /** Records the final outcome and, only if this claim still held the event, frees its ordering keys. */
    private static int finish(Connection c, long id, String token, long now, InboxStatus status, String error,
                              String trace, String personId, String recordIds) throws SQLException {
        int rows = update(c, FINISH, id, token, status.name(), now, error, trace, personId, recordIds);
        if (rows == 1) {
            try (PreparedStatement drop = c.prepareStatement(Quarantine.DROP_KEYS)) {
                drop.setLong(1, id);
                drop.executeUpdate();
            }
        }
        return rows;
    }

    /** Runs an update whose last two parameters are the id and the claim token. */
    private static int update(Connection c, String sql, long id, String token, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setLong(i++, id);
            ps.setString(i, token);
            return ps.executeUpdate();
        }
    }

    /**
     * At start-up of a single-instance database: whatever was being processed when it stopped is due again, its
     * interruption counted; an event interrupted as often as allowed is quarantined instead.
     */
    int releaseAllProcessing() {
        long now = Jdbc.millis(clock.instant());
        return jdbc.inTransaction("releasing abandoned claims", c -> {
            int dead = quarantine.apply(c, "status = 'PROCESSING'", now, "the process stopped while processing it");
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE inbox_event SET status = 'RETRY', claim_token = NULL, lease_until = NULL, next_attempt_at = ?,
                           interrupted = interrupted + 1,
                           last_error = 'the process stopped while this event was being processed'
                    WHERE status = 'PROCESSING'""")) {
                ps.setLong(1, now);
                return ps.executeUpdate() + dead;
            }
        });
    }

    /** See {@link InboxStore#replay}: a dead letter is revived; an event still waiting is made due now. */
    boolean replay(long inboxId) {
        if (replayWhere("id = " + inboxId) == 1) {
            return true;
        }
        long now = Jdbc.millis(clock.instant());
        return writes.write("queueing an event again", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE inbox_event SET next_attempt_at = ? WHERE id = ? AND status IN ('RECEIVED', 'RETRY')")) {
                ps.setLong(1, now);
                ps.setLong(2, inboxId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    int replayAllDead() {
        return replayWhere("1 = 1");
    }

    /**
     * Revives the dead events matching {@code condition}: due now with a fresh attempt count, and their ordering keys
     * open again, so a revived event takes its place in its keys' order (its own {@code order_at}) again.
     */
    private int replayWhere(String condition) {
        long now = Jdbc.millis(clock.instant());
        return writes.write("replaying dead events", c -> {
            List<Long> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, ordering_keys FROM inbox_event WHERE status = 'DEAD' AND " + condition);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    keys.add(rs.getString(2));
                }
            }
            try (PreparedStatement revive = c.prepareStatement("""
                    UPDATE inbox_event SET status = 'RECEIVED', attempts = 0, interrupted = 0, next_attempt_at = ?,
                           finished_at = NULL
                    WHERE id = ? AND status = 'DEAD'""");
                 PreparedStatement key = c.prepareStatement(
                         "INSERT INTO inbox_open_key (event_pk, ordering_key) VALUES (?, ?)")) {
                for (int i = 0; i < ids.size(); i++) {
                    revive.setLong(1, now);
                    revive.setLong(2, ids.get(i));
                    revive.addBatch();
                    for (String k : OrderingKeys.split(keys.get(i))) {
                        key.setLong(1, ids.get(i));
                        key.setString(2, k);
                        key.addBatch();
                    }
                }
                revive.executeBatch();
                key.executeBatch();
            }
            if (!ids.isEmpty()) {
                notifyWork(c);
            }
            return ids.size();
        });
    }
}
