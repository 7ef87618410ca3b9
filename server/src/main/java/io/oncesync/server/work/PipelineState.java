package io.oncesync.server.work;

import java.time.Instant;

/**
 * Whether the workers are claiming work.
 *
 * @param pausedUntil null while running; otherwise claiming resumes by itself at this time
 * @param pauseReason why the pipeline paused (e.g. the Salesforce error), or null
 * @param batchesInFlight batches being processed right now
 * @param pausedSince     when the current pause began, or null
 */
public record PipelineState(Instant pausedUntil, String pauseReason, int batchesInFlight, Instant pausedSince) {
    /** A state with no known start of the pause. */
    public PipelineState(Instant pausedUntil, String pauseReason, int batchesInFlight) {
        this(pausedUntil, pauseReason, batchesInFlight, null);
    }

    public boolean paused() {
        return pausedUntil != null;
    }
}
