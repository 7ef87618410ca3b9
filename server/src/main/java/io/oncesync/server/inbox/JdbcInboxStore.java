package io.oncesync.server.inbox;

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
import java.util.concurrent.CompletableFuture;

/**
 * {@link InboxStore} over JDBC, for SQLite and PostgreSQL. Admission is the {@link GroupCommitter}'s; claiming, with
 * the per-key ordering guarantee, is {@link InboxClaims}'s; recording outcomes and replays is
 * {@link InboxSettlements}'s; this class answers the reads.
 */
final class JdbcInboxStore implements InboxStore {
    private static final String ENTRY_COLUMNS = """
            SELECT id, event_id, event_type, booking_id, guest_key, status, attempts, received_at, next_attempt_at,
                   last_error, decision_trace, person_id, record_ids, finished_at, raw_body FROM inbox_event""";

    private final Jdbc jdbc;
    private final GroupCommitter committer;
    private final InboxClaims claims;
    private final InboxSettlements settlements;

    JdbcInboxStore(Jdbc jdbc, Dialect dialect, Clock clock, GroupCommitter committer, WritePath writes,
                   String instanceId, int quarantineAfter) {
        this.jdbc = jdbc;
        this.committer = committer;
        Quarantine quarantine = new Quarantine(quarantineAfter);
        this.claims = new InboxClaims(jdbc, dialect, clock, writes, instanceId, quarantine);
        this.settlements = new InboxSettlements(jdbc, dialect, clock, writes, quarantine);
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
        return claims.claim(max, lease);
    }

    @Override
    public int renew(ClaimedBatch batch, Duration lease) {
        return claims.renew(batch, lease);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return claims.nextDueAt();
    }

    @Override
    public void settle(ClaimedBatch batch, Map<Long, Settlement> outcomes) {
        settlements.settle(batch, outcomes);
    }

    @Override
    public void release(ClaimedBatch batch) {
        settlements.release(batch);
    }

    /** At start-up of a single-instance database: see {@link InboxSettlements#releaseAllProcessing()}. */
    int releaseAllProcessing() {
        return settlements.releaseAllProcessing();
    }

    /** A dead letter is revived; an event still waiting (e.g. held by a pause) is made due now. */
    @Override
    public boolean replay(long inboxId) {
        return settlements.replay(inboxId);
    }

    @Override
    public int replayAllDead() {
        return settlements.replayAllDead();
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
