package io.oncesync.server.work;

import java.time.Instant;

/**
 * Whether the workers are claiming work.
 *
 * @param pausedUntil null while running; otherwise claiming resumes by itself at this time
 * @param pauseReason why the pipeline paused (e.g. the Salesforce error), or null
 * @param batchesInFlight batches being processed right now
 */
public record PipelineState(Instant pausedUntil, String pauseReason, int batchesInFlight) {
    public boolean paused() {
        return pausedUntil != null;
    }
}
