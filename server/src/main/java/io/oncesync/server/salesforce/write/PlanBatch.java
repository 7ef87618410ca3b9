package io.oncesync.server.salesforce.write;

import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.engine.port.ActionOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of executing several decisions together: per decision (same order) its action outcomes, or empty
 * when a call-level failure ({@code interruption}) stopped the batch before all its actions were settled; those
 * decisions are to be retried after the pause, the others are done.
 */
public record PlanBatch(List<Optional<List<ActionOutcome>>> outcomes, Optional<SalesforceUnavailable> interruption) {
    public PlanBatch {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(interruption, "interruption");
    }

    public boolean complete() {
        return interruption.isEmpty();
    }
}
