package io.oncesync.server.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * Small named values every instance on a shared database reads, e.g. the Salesforce connection. Callers store
 * secrets only encrypted.
 */
public final class SharedState {
    private final Jdbc jdbc;
    private final Clock clock;

    SharedState(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return jdbc.read("reading shared " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM shared_state WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Removes {@code name} and returns what it held; of two instances taking at once, only one gets it. */
    public Optional<String> take(String name) {
        return jdbc.inTransaction("taking shared " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM shared_state WHERE name = ? RETURNING value")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Removes the values whose name starts with {@code prefix} stored before {@code before}. */
    public int removeOlder(String prefix, java.time.Instant before) {
        return jdbc.inTransaction("expiring shared " + prefix + "*", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM shared_state WHERE name LIKE ? AND updated_at < ?")) {
                ps.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
                ps.setLong(2, Jdbc.millis(before));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Stores {@code value} (empty: removes it) and, with a {@code topic}, signals it to every instance on commit.
     */
    public void put(String name, Optional<String> value, Signals.Topic topic) {
        long now = Jdbc.millis(clock.instant());
        jdbc.inTransaction("storing shared " + name, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM shared_state WHERE name = ?")) {
                del.setString(1, name);
                del.executeUpdate();
            }
            if (value.isPresent()) {
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO shared_state (name, value, updated_at) VALUES (?, ?, ?)")) {
                    ins.setString(1, name);
                    ins.setString(2, value.get());
                    ins.setLong(3, now);
                    ins.executeUpdate();
                }
            }
            if (topic != null) {
                try (PreparedStatement notify = c.prepareStatement("NOTIFY " + topic.channel())) {
                    notify.execute();
                }
            }
            return null;
        });
    }
}
