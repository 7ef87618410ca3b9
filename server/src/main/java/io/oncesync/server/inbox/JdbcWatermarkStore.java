package io.oncesync.server.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@link WatermarkStore} over JDBC; the upsert keeps the greater value, in SQLite and PostgreSQL alike. */
final class JdbcWatermarkStore implements WatermarkStore {
    private static final String UPSERT = """
            INSERT INTO oncehub_watermark (name, value_at, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET value_at = excluded.value_at, updated_at = excluded.updated_at
            WHERE excluded.value_at > oncehub_watermark.value_at""";

    private final Jdbc jdbc;
    private final WritePath writes;
    private final Clock clock;

    JdbcWatermarkStore(Jdbc jdbc, WritePath writes, Clock clock) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> get(String name) {
        return jdbc.read("reading the watermark " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value_at FROM oncehub_watermark WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Jdbc.instant(rs.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void advance(String name, Instant at) {
        writes.write("moving the watermark " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, name);
                ps.setLong(2, Jdbc.millis(at));
                ps.setLong(3, Jdbc.millis(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
