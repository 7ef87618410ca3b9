package io.oncesync.engine.port;

import io.oncesync.engine.org.SObjectType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one record write: the one per-record result type, from the Salesforce writer that reads the
 * {@code SaveResult}s, through the ledger and the decision trace, to the event's outcome. Keyed by {@link
 * io.oncesync.engine.plan.PlannedAction#key()} (or by the writer's own key). A value, never an exception. Read it
 * with a switch expression on {@link #kind()} (Java 17 has no pattern switch): the compiler checks it is
 * exhaustive, so a new kind cannot be silently ignored.
 */
public sealed interface ActionOutcome permits ActionOutcome.Saved, ActionOutcome.Rejected, ActionOutcome.NotAttempted {

    enum Kind {
        /** The record exists in Salesforce now; {@link Saved#how()} says how. */
        SAVED,
        /** Salesforce refused the record. */
        REJECTED,
        /** Not sent: a record it refers to was not saved, or the run stopped before it. */
        NOT_ATTEMPTED
    }

    /** How a saved record came to be. */
    enum How {
        CREATED,
        UPDATED,
        /** A duplicate rule blocked the create and named an existing record, which is used instead. */
        MATCHED_EXISTING,
        /** The update targeted a converted Lead, so it went to the Contact the Lead became. */
        FOLLOWED_CONVERSION
    }

    String key();

    /** The object the record is (a followed conversion's is the Contact, whatever was planned). */
    SObjectType object();

    Kind kind();

    /** The saved record's id; empty unless {@link Kind#SAVED}. */
    default Optional<String> savedId() {
        return this instanceof Saved s ? Optional.of(s.id()) : Optional.empty();
    }

    /** The same outcome under another key (the writer's key back to the plan's). */
    ActionOutcome withKey(String key);

    static Saved created(String key, SObjectType object, String id) {
        return new Saved(key, object, id, How.CREATED, null);
    }

    static Saved updated(String key, SObjectType object, String id) {
        return new Saved(key, object, id, How.UPDATED, null);
    }

    /**
     * @param via for {@link How#MATCHED_EXISTING} the duplicate rule's name, for {@link How#FOLLOWED_CONVERSION} the
     *            converted Lead's id; null otherwise
     */
    record Saved(String key, SObjectType object, String id, How how, String via) implements ActionOutcome {
        public Saved {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(how, "how");
        }

        @Override
        public Kind kind() {
            return Kind.SAVED;
        }

        @Override
        public Saved withKey(String newKey) {
            return new Saved(newKey, object, id, how, via);
        }

        /** True when Salesforce made a new record for this write. */
        public boolean created() {
            return how == How.CREATED;
        }
    }

    /**
     * Salesforce refused the record.
     *
     * @param statusCode Salesforce's code, e.g. {@code REQUIRED_FIELD_MISSING}
     * @param fields     the fields Salesforce named, possibly empty
     * @param retryable  true for transient codes such as {@code UNABLE_TO_LOCK_ROW}
     */
    record Rejected(String key, SObjectType object, String statusCode, String message, List<String> fields,
                    boolean retryable) implements ActionOutcome {
        public Rejected {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(statusCode, "statusCode");
            message = message == null ? "" : message;
            fields = List.copyOf(fields);
        }

        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }

        @Override
        public Rejected withKey(String newKey) {
            return new Rejected(newKey, object, statusCode, message, fields, retryable);
        }
    }

    /**
     * Not sent because a record it depends on (e.g. the person it links to) was not saved, or because the run
     * stopped before it.
     */
    record NotAttempted(String key, SObjectType object, String reason) implements ActionOutcome {
        public NotAttempted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.NOT_ATTEMPTED;
        }

        @Override
        public NotAttempted withKey(String newKey) {
            return new NotAttempted(newKey, object, reason);
        }
    }
}
