package io.oncesync.server.inbox;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.BookingLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link BookingLedger} over JDBC; the upsert syntax is shared by SQLite and PostgreSQL. The table keeps
 * the meeting in an Event column or a Case column (an Event wins if a row ever had both) and the person's id without
 * its object, which the key prefix tells ({@code 00Q} Lead, {@code 003} Contact).
 */
final class JdbcLedgerStore implements BookingLedger {
    private static final int CHUNK = 500;
    private static final String SELECT = """
            SELECT booking_id, person_id, event_record_id, case_record_id, applied_update_at
            FROM booking_ledger WHERE booking_id IN (%s)""";
    private static final String UPSERT = """
            INSERT INTO booking_ledger (booking_id, person_id, event_record_id, case_record_id, applied_update_at,
                                        updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (booking_id) DO UPDATE SET person_id = excluded.person_id,
                event_record_id = excluded.event_record_id, case_record_id = excluded.case_record_id,
                applied_update_at = excluded.applied_update_at, updated_at = excluded.updated_at""";

    private final Jdbc jdbc;
    private final WritePath writes;
    private final Clock clock;

    JdbcLedgerStore(Jdbc jdbc, WritePath writes, Clock clock) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public Map<String, LedgerEntry> findAll(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>(bookingIds);
        return jdbc.read("reading the booking ledger", c -> {
            Map<String, LedgerEntry> found = new HashMap<>();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                readChunk(c, ids.subList(from, Math.min(ids.size(), from + CHUNK)), found);
            }
            return found;
        });
    }

    private static void readChunk(Connection c, List<String> ids, Map<String, LedgerEntry> into)
            throws SQLException {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(String.format(SELECT, marks))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String event = rs.getString(3);
                    String meeting = event != null ? event : rs.getString(4);
                    SObjectType object = event != null ? SObjectType.EVENT : meeting != null ? SObjectType.CASE : null;
                    into.put(rs.getString(1), LedgerEntry.stored(rs.getString(1), object, meeting, rs.getString(2),
                            Jdbc.instantOrNull(rs.getObject(5))));
                }
            }
        }
    }

    @Override
    public void recordAll(Collection<LedgerEntry> entries) {
        long now = Jdbc.millis(clock.instant());
        writes.write("writing the booking ledger", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (LedgerEntry e : entries) {
                    ps.setString(1, e.bookingId());
                    ps.setString(2, e.personId());
                    ps.setString(3, e.meetingObject() == SObjectType.EVENT ? e.meetingId() : null);
                    ps.setString(4, e.meetingObject() == SObjectType.CASE ? e.meetingId() : null);
                    if (e.appliedUpdateAt() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, Jdbc.millis(e.appliedUpdateAt()));
                    }
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
