package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Claiming events for the workers: which events are due, the per-key ordering guarantee, leases and their renewal.
 *
 * <p><b>The ordering guarantee.</b> Every event has up to two ordering keys, {@code booking:<id>} and
 * {@code guest:<key>} ({@link OrderingKeys}); while it is not finished (applied, ignored or dead) its keys are rows of
 * {@code inbox_open_key}. Two events sharing a key are applied one at a time, oldest first, where "oldest" is
 * {@code (order_at, created_at, id)}: the data's last update time, then the envelope's creation time, then arrival. So
 * a reschedule never overtakes the booking it changes, and one guest's events never race to create two Leads, while
 * events of unrelated bookings and guests run in parallel.
 */
final class InboxClaims {
    /**
     * The claim query: due events whose ordering keys are free, oldest first. {@code %1$s} is the column list,
     * {@code %2$s} the dialect's index hint, {@code %3$s} further conditions. Parameters: now three times, then the
     * further conditions' own, then the limit.
     *
     * <p>An event is <i>due</i> when it waits ({@code RECEIVED}, or {@code RETRY} whose backoff has passed) or when it
     * was claimed but its lease ran out (the worker or the whole process died holding it: it is taken over, and
     * {@code MARK_CLAIMED} counts the interruption).
     *
     * <p>The {@code NOT EXISTS} is the ordering guarantee. It looks at every other <i>open</i> event sharing one of
     * this event's keys ({@code k} = this event's keys, {@code k2} = the same key on another event {@code o}), and
     * the event is not claimable if any such {@code o}
     * <ul>
     *   <li>is being processed under a live lease — one key, one writer; or</li>
     *   <li>is older — whatever its status: an older event waiting for its retry backoff holds back the newer ones
     *       behind it (head-of-line), so they are never applied out of order. Only finishing the older one (applied,
     *       ignored, dead, quarantined) deletes its key rows and lets the next one go.</li>
     * </ul>
     * The ORDER BY matches the partial index {@code inbox_event_open_order} (V3 migration), so a claim reads the
     * oldest open events first instead of sorting the table. On SQLite there is one writer and this query alone is
     * the guarantee; on PostgreSQL several instances claim at once, see {@link #LOCK_CANDIDATES}.
     */
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
     * PostgreSQL, several instances: tries the advisory lock of every ordering key of the first claimable events
     * (never waiting); answers each candidate with whether all its keys are now held by this transaction. Two
     * instances can both see a key as free in {@link #CLAIMABLE} (neither has committed its claim yet); only one of
     * them gets the key's lock, and the winner re-runs {@link #CLAIMABLE} restricted to the events it locked, in a new
     * statement that sees every claim committed before its lock was granted. The locks are transaction-scoped: they
     * end with the claim's commit, by which time the {@code PROCESSING} status with a live lease guards the key.
     */
    private static final String LOCK_CANDIDATES = """
            WITH candidate AS MATERIALIZED (%s)
            SELECT c.id, COALESCE((SELECT bool_and(pg_try_advisory_xact_lock(4207151, hashtext(k.ordering_key)))
                                   FROM inbox_open_key k WHERE k.event_pk = c.id), TRUE)
            FROM candidate c""";
    /** Takes the event: a new claim token and lease; taking over an expired lease counts as an interruption. */
    private static final String MARK_CLAIMED = """
            UPDATE inbox_event SET status = 'PROCESSING', attempts = attempts + 1, claim_token = ?, lease_until = ?,
                   claimed_by = ?, interrupted = interrupted + CASE WHEN status = 'PROCESSING' THEN 1 ELSE 0 END
            WHERE id = ?""";
    /** A claim held by a suspect (an event interrupted before) that is still running. */
    private static final String SUSPECT_RUNNING = """
            SELECT 1 FROM inbox_event WHERE status = 'PROCESSING' AND interrupted > 0 AND lease_until >= ?""";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Clock clock;
    private final WritePath writes;
    private final String instanceId;
    private final Quarantine quarantine;

    InboxClaims(Jdbc jdbc, Dialect dialect, Clock clock, WritePath writes, String instanceId, Quarantine quarantine) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.writes = writes;
        this.instanceId = instanceId;
        this.quarantine = quarantine;
    }

    /** See {@link InboxStore#claim}. */
    ClaimedBatch claim(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        boolean[] contended = new boolean[1];
        List<InboxEvent> events = writes.write("claiming events", c -> {
            quarantine.apply(c, "status = 'PROCESSING' AND lease_until < " + Jdbc.millis(now), Jdbc.millis(now),
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

    /** See {@link InboxStore#renew}: a worker still busy with a batch keeps its claim. */
    int renew(ClaimedBatch batch, Duration lease) {
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

    /** When the next event falls due (a backoff ends, or a lease runs out), for the workers' wake-up. */
    Optional<Instant> nextDueAt() {
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
}
