package io.oncesync.server.salesforce.write;

import java.util.Map;

/**
 * The one place that decides what a per-record Salesforce status code means for oncesync. Unknown codes are
 * permanent: an error nobody has looked at should be shown to an admin, not retried for ever.
 */
public final class OutcomeClassifier {

    /** What to do with a record that failed with a status code. */
    public enum Disposition {
        /** Transient contention or rollback: submit the same record again. */
        RETRY,
        /** DUPLICATES_DETECTED: a duplicate rule blocked the save; use the matched record's id. */
        USE_MATCHED_RECORD,
        /** CANNOT_UPDATE_CONVERTED_LEAD: the Lead became a Contact; write to (or refer to) that Contact. */
        FOLLOW_CONVERTED_CONTACT,
        /** The data or the org's configuration is wrong; an admin must look. */
        PERMANENT
    }

    private static final Map<String, Disposition> TABLE = Map.ofEntries(
            Map.entry("UNABLE_TO_LOCK_ROW", Disposition.RETRY),
            Map.entry("ALL_OR_NONE_OPERATION_ROLLED_BACK", Disposition.RETRY),
            Map.entry("REQUEST_RUNNING_TOO_LONG", Disposition.RETRY),
            Map.entry("QUERY_TIMEOUT", Disposition.RETRY),
            Map.entry("SERVICE_UNAVAILABLE", Disposition.RETRY),
            Map.entry("TOO_MANY_APEX_REQUESTS", Disposition.RETRY),
            Map.entry("MATCH_SERVICE_UNAVAILABLE_ERROR", Disposition.RETRY),
            // Salesforce's own "An unexpected error occurred … ErrorId" is usually transient; retries are bounded.
            Map.entry("UNKNOWN_EXCEPTION", Disposition.RETRY),
            Map.entry("DUPLICATES_DETECTED", Disposition.USE_MATCHED_RECORD),
            Map.entry("CANNOT_UPDATE_CONVERTED_LEAD", Disposition.FOLLOW_CONVERTED_CONTACT));

    private OutcomeClassifier() {
    }

    public static Disposition classify(String statusCode) {
        return statusCode == null ? Disposition.PERMANENT : TABLE.getOrDefault(statusCode, Disposition.PERMANENT);
    }

    public static boolean isRetryable(String statusCode) {
        return classify(statusCode) == Disposition.RETRY;
    }
}
