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

    /** Stores {@code value} (empty: removes it) and signals {@code topic} to every instance on commit. */
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
            try (PreparedStatement notify = c.prepareStatement("NOTIFY " + topic.channel())) {
                notify.execute();
            }
            return null;
        });
    }
}
