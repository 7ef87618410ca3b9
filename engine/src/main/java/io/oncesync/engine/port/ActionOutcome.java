package io.oncesync.engine.port;

import io.oncesync.engine.org.SObjectType;
import java.util.List;
import java.util.Objects;

/** What happened to one planned action, keyed by {@link io.oncesync.engine.plan.PlannedAction#key()}. */
public sealed interface ActionOutcome permits ActionOutcome.Created, ActionOutcome.Updated, ActionOutcome.Rejected,
        ActionOutcome.NotAttempted {

    String key();

    SObjectType object();

    record Created(String key, SObjectType object, String id) implements ActionOutcome {
        public Created {
            Objects.requireNonNull(id, "id");
        }
    }

    record Updated(String key, SObjectType object, String id) implements ActionOutcome {
        public Updated {
            Objects.requireNonNull(id, "id");
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
            Objects.requireNonNull(statusCode, "statusCode");
            fields = List.copyOf(fields);
        }
    }

    /** Not sent because an action it depends on (e.g. the person it links to) did not succeed. */
    record NotAttempted(String key, SObjectType object, String reason) implements ActionOutcome {
    }
}
