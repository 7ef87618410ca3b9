package io.oncesync.server.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule sets published to every instance on a shared database, by version (1, 2, ...); the newest is in force
 * everywhere. A rule set is the whole file set: every {@code *.drl} plus {@code settings.yaml} when the admin has one.
 */
public final class SharedRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    /** One published version. */
    public record Version(long version, Map<String, String> files, Instant publishedAt, String publishedBy) {
        public Version {
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(publishedBy, "publishedBy");
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;

    SharedRules(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The newest version's number, 0 when nothing was published yet. */
    public long latestVersion() {
        return jdbc.read("reading the rules version", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM shared_rules");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public Optional<Version> latest() {
        return jdbc.read("reading the rules in force", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, files, published_at, published_by"
                    + " FROM shared_rules ORDER BY version DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Version>empty();
                }
                return Optional.of(new Version(rs.getLong(1), parse(rs.getString(2), rs.getLong(1)),
                        Jdbc.instant(rs.getLong(3)), rs.getString(4)));
            }
        });
    }

    /**
     * Publishes {@code files} as the next version. With {@code onlyIfNone}, publishes only when no version exists
     * yet (the first instance seeds the database with its rules) and otherwise returns empty.
     */
    public Optional<Version> publish(Map<String, String> files, String publishedBy, boolean onlyIfNone) {
        Instant now = clock.instant();
        String text;
        try {
            text = JSON.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rule files cannot be stored: " + e.getMessage(), e);
        }
        return jdbc.inTransaction("publishing rules", c -> {
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE shared_rules IN EXCLUSIVE MODE")) {
                lock.execute();
            }
            long next;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM shared_rules");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getLong(1);
            }
            if (onlyIfNone && next > 1) {
                return Optional.<Version>empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO shared_rules (version, files, published_at, published_by) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, next);
                ps.setString(2, text);
                ps.setLong(3, Jdbc.millis(now));
                ps.setString(4, publishedBy);
                ps.executeUpdate();
            }
            try (PreparedStatement notify = c.prepareStatement("NOTIFY " + Signals.Topic.RULES.channel())) {
                notify.execute();
            }
            return Optional.of(new Version(next, files, now, publishedBy));
        });
    }

    private static Map<String, String> parse(String text, long version) {
        try {
            return new LinkedHashMap<>(JSON.readValue(text, FILES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules version " + version + " in the database is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
