package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** {@link InboxStore} over JDBC, for SQLite and PostgreSQL. */
final class JdbcInboxStore implements InboxStore {
    /** Due events whose ordering keys are free; {@code %1$s} columns, {@code %2$s} index hint, {@code %3$s} more conditions. */
    private static final String CLAIMABLE = """
            SELECT %1$s
            FROM inbox_event e%2$s
            WHERE e.status IN ('RECEIVED', 'RETRY', 'PROCESSING')
              AND ((e.status IN ('RECEIVED', 'RETRY') AND e.next_attempt_at <= ?)
                   OR (e.status = 'PROCESSING' AND e.lease_until < ?))
              AND NOT EXISTS (
                  SELECT 1
                  FROM inbox_open_key k
                  JOIN inbox_open_key k2 ON k2.ordering_key = k.ordering_key AND k2.event_pk <> k.event_pk
                  JOIN inbox_event o ON o.id = k2.event_pk
                  WHERE k.event_pk = e.id
                    AND ((o.status = 'PROCESSING' AND o.lease_until >= ?)
                         OR (o.order_at, o.created_at, o.id) < (e.order_at, e.created_at, e.id)))%3$s
            ORDER BY e.order_at, e.created_at, e.id
            LIMIT ?""";
    private static final String EVENT_COLUMNS = """
            e.id, e.event_id, e.event_type, e.booking_id, e.guest_key, e.order_at, e.created_at,
                   e.received_at, e.attempts, e.raw_body, e.interrupted,
                   CASE WHEN e.last_error IS NULL THEN 0 ELSE 1 END AS left_error""";
    /**
     * Tries the advisory lock of every ordering key of the first claimable events (never waiting); answers each
     * candidate with whether all its keys are now held by this transaction.
     */
    private static final String LOCK_CANDIDATES = """
            WITH candidate AS MATERIALIZED (%s)
            SELECT c.id, COALESCE((SELECT bool_and(pg_try_advisory_xact_lock(4207151, hashtext(k.ordering_key)))
                                   FROM inbox_open_key k WHERE k.event_pk = c.id), TRUE)
            FROM candidate c""";
    private static final String MARK_CLAIMED = """
            UPDATE inbox_event SET status = 'PROCESSING', attempts = attempts + 1, claim_token = ?, lease_until = ?,
                   claimed_by = ?, interrupted = interrupted + CASE WHEN status = 'PROCESSING' THEN 1 ELSE 0 END
            WHERE id = ?""";
    private static final String HELD = " WHERE id = ? AND claim_token = ? AND status = 'PROCESSING'";
    private static final String FINISH = """
            UPDATE inbox_event SET status = ?, claim_token = NULL, lease_until = NULL, finished_at = ?,
                   last_error = ?, decision_trace = ?, person_id = ?, record_ids = ?""" + HELD;
    private static final String RETRY = """
            UPDATE inbox_event SET status = 'RETRY', claim_token = NULL, lease_until = NULL, next_attempt_at = ?,
                   last_error = ?, decision_trace = ?""" + HELD;
    private static final String RELEASE = """
            UPDATE inbox_event SET status = CASE WHEN attempts <= 1 THEN 'RECEIVED' ELSE 'RETRY' END,
                   attempts = attempts - 1, claim_token = NULL, lease_until = NULL, next_attempt_at = ?,
                   last_error = COALESCE(?, last_error), interrupted = interrupted + ?""" + HELD;
    /** A claim held by a suspect (an event interrupted before) that is still running. */
    private static final String SUSPECT_RUNNING = """
            SELECT 1 FROM inbox_event WHERE status = 'PROCESSING' AND interrupted > 0 AND lease_until >= ?""";
    private static final String QUARANTINE = """
            UPDATE inbox_event SET status = 'DEAD', claim_token = NULL, lease_until = NULL, finished_at = ?,
                   interrupted = interrupted + 1, last_error = ?
            WHERE id = ?""";
    private static final String DROP_KEYS = "DELETE FROM inbox_open_key WHERE event_pk = ?";
    private static final String ENTRY_COLUMNS = """
            SELECT id, event_id, event_type, booking_id, guest_key, status, attempts, received_at, next_attempt_at,
                   last_error, decision_trace, person_id, record_ids, finished_at, raw_body FROM inbox_event""";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Clock clock;
    private final GroupCommitter committer;
    private final WritePath writes;
    private final String instanceId;
    private final int quarantineAfter;

    JdbcInboxStore(Jdbc jdbc, Dialect dialect, Clock clock, GroupCommitter committer, WritePath writes,
                   String instanceId, int quarantineAfter) {
        this.instanceId = instanceId;
        this.quarantineAfter = quarantineAfter;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.committer = committer;
        this.writes = writes;
    }

    @Override
    public CompletableFuture<Admission> admit(IncomingEvent event) {
        return committer.admit(event);
    }

    @Override
    public void onAdmitted(Runnable listener) {
        committer.onAdmitted(listener);
    }

    @Override
    public ClaimedBatch claim(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        boolean[] contended = new boolean[1];
        List<InboxEvent> events = writes.write("claiming events", c -> {
            quarantine(c, "status = 'PROCESSING' AND lease_until < " + Jdbc.millis(now), Jdbc.millis(now),
                    "its claim ran out while it was being processed");
            if (suspectRunning(c, now)) {
                return List.<InboxEvent>of();
            }
            List<InboxEvent> found;
            if (dialect.locksKeys()) {
                List<Long> locked = lockCandidates(c, now, max, contended);
                found = locked.isEmpty() ? List.of() : selectClaimable(c, now, max, locked);
            } else {
                found = selectClaimable(c, now, max, null);
            }
            try (PreparedStatement mark = c.prepareStatement(MARK_CLAIMED)) {
                for (InboxEvent e : found) {
                    mark.setString(1, token);
                    mark.setLong(2, Jdbc.millis(now.plus(lease)));
                    mark.setString(3, instanceId);
                    mark.setLong(4, e.id());
                    mark.addBatch();
                }
                mark.executeBatch();
            }
            return found;
        });
        return new ClaimedBatch(token, events, contended[0]);
    }

    /**
     * Locks the keys of up to twice {@code max} candidates, so instances claiming at the same moment split the work
     * instead of all reaching for the same first events. Sets {@code contended} when another instance held a key.
     */
    private List<Long> lockCandidates(Connection c, Instant now, int max, boolean[] contended) throws SQLException {
        String candidates = String.format(CLAIMABLE, "e.id", dialect.claimIndexHint(), "");
        List<Long> locked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(String.format(LOCK_CANDIDATES, candidates))) {
            bindClaimable(ps, now, 2 * max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        locked.add(rs.getLong(1));
                    } else {
                        contended[0] = true;
                    }
                }
            }
        }
        return locked;
    }

    /**
     * Quarantines, as dead letters, the claimed events matching {@code where} whose processing has now been
     * interrupted as often as allowed: the process died with them in hand, or their lease ran out, each time.
     */
    private int quarantine(Connection c, String where, long now, String how) throws SQLException {
        List<long[]> doomed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, interrupted, attempts FROM inbox_event WHERE "
                + where + " AND interrupted + 1 >= ?")) {
            ps.setInt(1, quarantineAfter);
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
                        + "; the process stopped or the work outlived its lease each time, e.g. a rule that exits or"
                        + " never ends) after " + d[2] + " attempts; fix the cause, then replay this delivery");
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

    private static boolean suspectRunning(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUSPECT_RUNNING)) {
            ps.setLong(1, Jdbc.millis(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The claimable events, oldest first; with {@code among}, only those (re-checked after their keys were locked).
     * An event interrupted before (a suspect) is claimed alone and only while no other suspect runs, so when it
     * kills the process again only its own count grows, never its neighbours'.
     */
    private List<InboxEvent> selectClaimable(Connection c, Instant now, int max, List<Long> among) throws SQLException {
        List<InboxEvent> found = new ArrayList<>();
        String sql = String.format(CLAIMABLE, EVENT_COLUMNS, dialect.claimIndexHint(),
                among == null ? "" : "\n  AND e.id = ANY(?)") + dialect.claimLockSuffix();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (among == null) {
                bindClaimable(select, now, max);
            } else {
                bindClaimable(select, now, c.createArrayOf("bigint", among.toArray()), max);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    boolean suspect = rs.getInt(11) > 0;
                    if (suspect && !found.isEmpty()) {
                        break;
                    }
                    found.add(new InboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Jdbc.instant(rs.getLong(6)), Jdbc.instant(rs.getLong(7)),
                            Jdbc.instant(rs.getLong(8)), rs.getInt(9) + 1, rs.getBytes(10),
                            rs.getInt(9) > 0 || suspect || rs.getInt(12) == 1));
                    if (suspect) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Binds the claim query's times, then {@code more} (e.g. the ids array), then the limit. */
    private static void bindClaimable(PreparedStatement ps, Instant now, Object... moreThenLimit) throws SQLException {
        long nowMillis = Jdbc.millis(now);
        ps.setLong(1, nowMillis);
        ps.setLong(2, nowMillis);
        ps.setLong(3, nowMillis);
        for (int i = 0; i < moreThenLimit.length; i++) {
            ps.setObject(4 + i, moreThenLimit[i]);
        }
    }

    @Override
    public void settle(ClaimedBatch batch, Map<Long, Settlement> settlements) {
        long now = Jdbc.millis(clock.instant());
        writes.write("settling " + settlements.size() + " events", c -> {
            for (Map.Entry<Long, Settlement> entry : settlements.entrySet()) {
                settleOne(c, batch.token(), entry.getKey(), entry.getValue(), now);
            }
            notifyWork(c);
            return null;
        });
    }

    /** Tells the other instances (on commit) that events may have become claimable. */
    private void notifyWork(Connection c) throws SQLException {
        if (dialect.notifyWorkSql() != null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.notifyWorkSql())) {
                ps.execute();
            }
        }
    }

    private void settleOne(Connection c, String token, long id, Settlement s, long now) throws SQLException {
        if (s instanceof Settlement.Released released && released.interrupted()
                && quarantine(c, "id = " + id + " AND claim_token = '" + token.replace("'", "") + "'", now,
                        "it was still being processed when the service stopped") == 1) {
            return;
        }
        if (s instanceof Settlement.Retry retry) {
            update(c, RETRY, id, token, Jdbc.millis(retry.nextAttemptAt()), retry.error(), retry.trace());
        } else if (s instanceof Settlement.Released released) {
            update(c, RELEASE, id, token, Jdbc.millis(released.nextAttemptAt()), released.reason(),
                    released.interrupted() ? 1 : 0);
        } else if (s instanceof Settlement.Applied a) {
            finish(c, id, token, now, InboxStatus.APPLIED, null, a.trace(), a.personId(),
                    String.join(",", a.recordIds()));
        } else if (s instanceof Settlement.Ignored i) {
            finish(c, id, token, now, InboxStatus.IGNORED, null, "ignored: " + i.reason()
                    + (i.trace() == null ? "" : "\n" + i.trace()), null, null);
        } else if (s instanceof Settlement.Dead d) {
            finish(c, id, token, now, InboxStatus.DEAD, d.error(), d.trace(), null, null);
        } else {
            throw new IllegalArgumentException("unknown settlement " + s);
        }
    }

    private static void finish(Connection c, long id, String token, long now, InboxStatus status, String error,
                               String trace, String personId, String recordIds) throws SQLException {
        if (update(c, FINISH, id, token, status.name(), now, error, trace, personId, recordIds) == 1) {
            try (PreparedStatement drop = c.prepareStatement(DROP_KEYS)) {
                drop.setLong(1, id);
                drop.executeUpdate();
            }
        }
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

    @Override
    public int renew(ClaimedBatch batch, Duration lease) {
        long until = Jdbc.millis(clock.instant().plus(lease));
        return writes.write("renewing a claim", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE inbox_event SET lease_until = ? WHERE claim_token = ? AND status = 'PROCESSING'")) {
                ps.setLong(1, until);
                ps.setString(2, batch.token());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(ClaimedBatch batch) {
        Instant now = clock.instant();
        Map<Long, Settlement> released = new java.util.LinkedHashMap<>();
        batch.events().forEach(e -> released.put(e.id(), new Settlement.Released(now)));
        settle(batch, released);
    }

    /**
     * At start-up of a single-instance database: whatever was being processed when it stopped is due again, its
     * interruption counted; an event interrupted as often as allowed is quarantined instead.
     */
    int releaseAllProcessing() {
        long now = Jdbc.millis(clock.instant());
        return jdbc.inTransaction("releasing abandoned claims", c -> {
            int dead = quarantine(c, "status = 'PROCESSING'", now, "the process stopped while processing it");
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

    @Override
    public Optional<Instant> nextDueAt() {
        return jdbc.read("finding the next due event", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT MIN(CASE WHEN status = 'PROCESSING' THEN lease_until ELSE next_attempt_at END)
                    FROM inbox_event WHERE status IN ('RECEIVED', 'RETRY', 'PROCESSING')""");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long min = rs.getLong(1);
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Jdbc.instant(min));
            }
        });
    }

    /** A dead letter is revived; an event still waiting (e.g. held by a pause) is made due now. */
    @Override
    public boolean replay(long inboxId) {
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

    @Override
    public int replayAllDead() {
        return replayWhere("1 = 1");
    }

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

    @Override
    public Optional<InboxEntry> find(long inboxId) {
        return findOne(ENTRY_COLUMNS + " WHERE id = ?", inboxId);
    }

    @Override
    public Optional<InboxEntry> findByEventId(String eventId) {
        return findOne(ENTRY_COLUMNS + " WHERE event_id = ?", eventId);
    }

    private Optional<InboxEntry> findOne(String sql, Object key) {
        return jdbc.read("reading an inbox entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.<InboxEntry>empty();
                }
            }
        });
    }

    @Override
    public List<InboxEntry> list(InboxStatus status, int limit) {
        return jdbc.read("listing inbox entries", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    ENTRY_COLUMNS + " WHERE status = ? ORDER BY order_at, created_at, id LIMIT ?")) {
                ps.setString(1, status.name());
                ps.setInt(2, limit);
                List<InboxEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static InboxEntry entry(ResultSet rs) throws SQLException {
        String recordIds = rs.getString(13);
        return new InboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                InboxStatus.valueOf(rs.getString(6)), rs.getInt(7), Jdbc.instant(rs.getLong(8)),
                Jdbc.instant(rs.getLong(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                recordIds == null || recordIds.isEmpty() ? List.of() : List.of(recordIds.split(",")),
                Jdbc.instantOrNull(rs.getObject(14)), rs.getBytes(15));
    }

    @Override
    public Map<InboxStatus, Long> countByStatus() {
        return jdbc.read("counting inbox entries", c -> {
            Map<InboxStatus, Long> counts = new EnumMap<>(InboxStatus.class);
            for (InboxStatus s : InboxStatus.values()) {
                counts.put(s, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM inbox_event GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(InboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }
}
