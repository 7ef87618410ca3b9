package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live instances on a shared PostgreSQL database. Each instance has a row whose heartbeat it refreshes every
 * second; any instance that finds another's heartbeat older than the timeout removes it and frees the events it had
 * claimed, so they are taken over at once instead of when their leases run out (minutes). Heartbeats use the
 * database's clock, so clock skew between hosts does not matter.
 *
 * <p>Nothing is applied twice by a takeover: the dead instance's settlement is refused (its claim token no longer
 * matches), and the taker's attempt is a retry, which first looks for the meeting record the dead attempt may have
 * created.
 */
public final class InstanceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistry.class);
    private static final String DB_NOW = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT";

    /** A registered instance as the database sees it. */
    public record Instance(String id, String host, long pid, Instant startedAt, Instant heartbeatAt, long rulesVersion) {
    }

    /** Instances found dead by one heartbeat and how many claimed events they left. */
    public record Takeover(List<String> deadInstances, int freedEvents) {
        public boolean isEmpty() {
            return deadInstances.isEmpty() && freedEvents == 0;
        }
    }

    private final Jdbc jdbc;
    private final InstanceId self;
    private final Duration timeout;

    InstanceRegistry(Jdbc jdbc, InstanceId self, Duration timeout) {
        this.jdbc = jdbc;
        this.self = self;
        this.timeout = timeout;
    }

    public InstanceId self() {
        return self;
    }

    /** Registers this instance (again, if another found it dead during a long pause). */
    public void join() {
        jdbc.inTransaction("registering this instance", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oncesync_instance (id, host, pid, started_at,"
                    + " heartbeat_at) VALUES (?, ?, ?, " + DB_NOW + ", " + DB_NOW + ") ON CONFLICT (id) DO UPDATE SET"
                    + " heartbeat_at = EXCLUDED.heartbeat_at")) {
                ps.setString(1, self.id());
                ps.setString(2, self.host());
                ps.setLong(3, self.pid());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Refreshes this instance's heartbeat (with the rules version it runs), then removes instances whose heartbeat is
     * older than the timeout and frees the events claimed by any instance that is no longer registered.
     */
    public Takeover heartbeat(long rulesVersion) {
        Takeover done = jdbc.inTransaction("heartbeat", c -> {
            if (update(c, "UPDATE oncesync_instance SET heartbeat_at = " + DB_NOW + ", rules_version = ? WHERE id = ?",
                    rulesVersion, self.id()) == 0) {
                LOG.warn("instance {} had been declared dead by the others (no heartbeat for {}); its claimed events"
                        + " were taken over; registering again", self.id(), timeout);
                return null;
            }
            List<String> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM oncesync_instance WHERE heartbeat_at < "
                    + DB_NOW + " - ? RETURNING id")) {
                ps.setLong(1, timeout.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dead.add(rs.getString(1));
                    }
                }
            }
            // lease_until = 0 makes the events claimable at once; a claim by a live instance then replaces claimed_by.
            int freed = update(c, "UPDATE inbox_event SET lease_until = 0 WHERE status = 'PROCESSING' AND lease_until > 0"
                    + " AND claimed_by IS NOT NULL AND claimed_by NOT IN (SELECT id FROM oncesync_instance)");
            if (freed > 0 || !dead.isEmpty()) {
                try (PreparedStatement notify = c.prepareStatement(Dialect.POSTGRESQL.notifyWorkSql())) {
                    notify.execute();
                }
            }
            return new Takeover(List.copyOf(dead), freed);
        });
        if (done == null) {
            join();
            return new Takeover(List.of(), 0);
        }
        return done;
    }

    /** The registered instances, oldest first. */
    public List<Instance> live() {
        return jdbc.read("listing instances", c -> {
            List<Instance> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, host, pid, started_at, heartbeat_at, rules_version"
                    + " FROM oncesync_instance ORDER BY started_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Instance(rs.getString(1), rs.getString(2), rs.getLong(3), Jdbc.instant(rs.getLong(4)),
                            Jdbc.instant(rs.getLong(5)), rs.getLong(6)));
                }
            }
            return out;
        });
    }

    /** Unregisters at a clean shutdown (after the workers released what they had not finished). */
    public void leave() {
        jdbc.inTransaction("unregistering this instance", c ->
                update(c, "DELETE FROM oncesync_instance WHERE id = ?", self.id()));
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
