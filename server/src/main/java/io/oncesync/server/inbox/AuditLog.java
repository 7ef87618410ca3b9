package io.oncesync.server.inbox;

import java.util.List;

/** The durable audit trail of administrative changes, in the inbox's database. Blocking; thread-safe. */
public interface AuditLog {

    /** Appends an entry stamped with the current time; returns it with its id. */
    default AuditEntry record(String actor, String action, String target, String outcome, String detail) {
        return record(actor, action, target, outcome, detail, List.of());
    }

    /** Appends an entry with the files it carried (content and previous version kept in full), in one transaction. */
    AuditEntry record(String actor, String action, String target, String outcome, String detail, List<AuditFile> files);

    /** The files recorded with entry {@code auditId}, in the order recorded (empty when none or no such entry). */
    List<AuditFile> files(long auditId);

    /** Entries newest first, with ids below {@code beforeId} when given (for paging), at most {@code limit}. */
    List<AuditEntry> list(Long beforeId, int limit);
}
