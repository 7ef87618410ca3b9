package io.oncesync.server.salesforce.write;

import java.util.List;
import java.util.Objects;

/** What became of one record of a write: a value, never an exception. */
public sealed interface RecordOutcome {

    /** The record exists in Salesforce now with this id. */
    String id();

    /** Saved: created or updated. */
    record Written(String id, boolean created) implements RecordOutcome {
        public Written {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A duplicate rule blocked the create and named an existing record, which is used instead. */
    record MatchedExisting(String id, String duplicateRule) implements RecordOutcome {
        public MatchedExisting {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The update targeted a converted Lead, so it was applied to the Contact the Lead became. */
    record FollowedConversion(String id, String convertedLeadId) implements RecordOutcome {
        public FollowedConversion {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(convertedLeadId, "convertedLeadId");
        }
    }

    /** Salesforce refused the record; {@code retryable} tells whether the same write may succeed later. */
    record Rejected(String statusCode, String message, List<String> fields, boolean retryable) implements RecordOutcome {
        public Rejected {
            Objects.requireNonNull(statusCode, "statusCode");
            message = message == null ? "" : message;
            fields = List.copyOf(fields);
        }

        @Override
        public String id() {
            return null;
        }
    }

    /** Not attempted because a record it refers to (e.g. the Event's person) was not written. */
    record Skipped(String waitingFor, String reason) implements RecordOutcome {
        @Override
        public String id() {
            return null;
        }
    }
}
