package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One administrative change: who ({@code admin:alice@10.0.0.5}), when, what ({@code replay}, {@code rules.reload},
 * {@code rules.upload}, …), on what ({@code delivery 42}), how it ended ({@code ok}, {@code refused}, {@code failed})
 * and a human detail. Never holds secrets.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String outcome, String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
