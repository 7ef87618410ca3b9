package io.oncesync.server.inbox;

import java.util.List;

/** The durable audit trail of administrative changes, in the inbox's database. Blocking; thread-safe. */
public interface AuditLog {

    /** Appends an entry stamped with the current time; returns it with its id. */
    AuditEntry record(String actor, String action, String target, String outcome, String detail);

    /** Entries newest first, with ids below {@code beforeId} when given (for paging), at most {@code limit}. */
    List<AuditEntry> list(Long beforeId, int limit);
}
