package io.oncesync.server.admin;

import io.oncesync.server.inbox.AuditFile;
import io.oncesync.server.inbox.AuditLog;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes an admin change to the audit log and the same fact as one log line (actor, action, target, outcome). */
final class AdminAudit {
    // Logged under AdminRoutes, as before the routes were split by resource: operators filter on it.
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    private final AuditLog audit;

    AdminAudit(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    void record(Actor actor, String action, String target, String outcome, String detail) {
        record(actor, action, target, outcome, detail, List.of());
    }

    /** The actor is the authenticated identity; a client's self-description goes in the detail, labelled unverified. */
    void record(Actor actor, String action, String target, String outcome, String detail, List<AuditFile> files) {
        String noted = actor.note() == null ? detail : detail + " [unverified X-Oncesync-Actor: " + actor.note() + "]";
        audit.record(actor.identity(), action, target, outcome, noted, files);
        LOG.info("admin action={} target=\"{}\" outcome={} actor={}: {}", action, target, outcome, actor.identity(), noted);
    }
}
