package io.oncesync.server.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditLog} in the {@code admin_audit} table (migration V2) and its files in {@code admin_audit_file} (V4). */
final class JdbcAuditLog implements AuditLog {
    private static final int MAX_TEXT = 4000;

    private final Jdbc jdbc;
    private final WritePath writes;
    private final Clock clock;

    JdbcAuditLog(Jdbc jdbc, WritePath writes, Clock clock) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(String actor, String action, String target, String outcome, String detail,
                             List<AuditFile> files) {
        Instant at = clock.instant();
        String d = detail == null ? "" : detail.length() > MAX_TEXT ? detail.substring(0, MAX_TEXT) + "…" : detail;
        long id = writes.write("recording an audit entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO admin_audit (at, actor, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, Jdbc.millis(at));
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setString(4, target == null ? "" : target);
                ps.setString(5, outcome);
                ps.setString(6, d);
                ps.executeUpdate();
                long entry;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    entry = keys.getLong(1);
                }
                insertFiles(c, entry, files);
                return entry;
            }
        });
        return new AuditEntry(id, at, actor, action, target, outcome, d);
    }

    private static void insertFiles(java.sql.Connection c, long entry, List<AuditFile> files) throws java.sql.SQLException {
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit_file (audit_id, file, sha256, content,"
                + " previous_sha256, previous_content) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (AuditFile f : files) {
                ps.setLong(1, entry);
                ps.setString(2, f.file());
                ps.setString(3, f.sha256());
                ps.setString(4, f.content());
                ps.setString(5, f.previousSha256());
                ps.setString(6, f.previousContent());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<AuditFile> files(long auditId) {
        return jdbc.read("reading an audit entry's files", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT file, sha256, content, previous_sha256, previous_content"
                    + " FROM admin_audit_file WHERE audit_id = ? ORDER BY id")) {
                ps.setLong(1, auditId);
                List<AuditFile> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<AuditEntry> list(Long beforeId, int limit) {
        return jdbc.read("listing the audit log", c -> {
            String sql = "SELECT id, at, actor, action, target, outcome, detail FROM admin_audit"
                    + (beforeId == null ? "" : " WHERE id < ?") + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (beforeId != null) {
                    ps.setLong(i++, beforeId);
                }
                ps.setInt(i, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), Jdbc.instant(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }
}
