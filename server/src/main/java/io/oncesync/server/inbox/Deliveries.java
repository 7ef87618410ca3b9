package io.oncesync.server.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Searching the inbox for the admin API. Entries come without their raw body (fetch one with
 * {@link InboxStore#find} for that). Blocking; thread-safe.
 */
public final class Deliveries {
    private static final String COLUMNS = """
            SELECT id, event_id, event_type, booking_id, guest_key, status, attempts, received_at, next_attempt_at,
                   last_error, decision_trace, person_id, record_ids, finished_at FROM inbox_event""";

    private final Jdbc jdbc;

    Deliveries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<InboxEntry> search(DeliveryFilter f) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        f.status().ifPresent(s -> {
            where.add("status = ?");
            args.add(s.name());
        });
        f.guestKey().ifPresent(g -> {
            where.add("guest_key = ?");
            args.add(g);
        });
        f.bookingId().ifPresent(b -> {
            where.add("booking_id = ?");
            args.add(b);
        });
        f.beforeId().ifPresent(id -> {
            where.add("id < ?");
            args.add(id);
        });
        String sql = COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT ?";
        args.add(f.limit());
        return jdbc.read("searching the inbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<InboxEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String recordIds = rs.getString(13);
                        out.add(new InboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), InboxStatus.valueOf(rs.getString(6)), rs.getInt(7),
                                Jdbc.instant(rs.getLong(8)), Jdbc.instant(rs.getLong(9)), rs.getString(10),
                                rs.getString(11), rs.getString(12),
                                recordIds == null || recordIds.isEmpty() ? List.of() : List.of(recordIds.split(",")),
                                Jdbc.instantOrNull(rs.getObject(14)), new byte[0]));
                    }
                }
                return out;
            }
        });
    }

    /** The raw bodies of the newest {@code limit} deliveries, newest first (what the console reads settings choices from). */
    public List<byte[]> recentBodies(int limit) {
        return jdbc.read("reading recent webhook bodies", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT raw_body FROM inbox_event ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
                return out;
            }
        });
    }
}
