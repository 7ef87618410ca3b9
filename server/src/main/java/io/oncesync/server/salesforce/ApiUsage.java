package io.oncesync.server.salesforce;

/**
 * API requests used and allowed in the org's rolling 24 hours, as reported by the last {@code LimitInfoHeader}
 * ({@code -1} when no call has answered yet), plus the calls this client made itself.
 */
public record ApiUsage(long current, long limit, long callsMade) {
    public static final ApiUsage UNKNOWN = new ApiUsage(-1, -1, 0);
}
