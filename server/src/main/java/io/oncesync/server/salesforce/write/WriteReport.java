package io.oncesync.server.salesforce.write;

import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.engine.port.ActionOutcome;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcomes per write key, in plan order. When a call-level failure stopped the run, {@code interruption} says
 * why and the keys not yet attempted have no outcome, so a caller can keep what was written (e.g. a new person's
 * id) and resume the rest later without creating it twice.
 */
public record WriteReport(Map<String, ActionOutcome> outcomes, Optional<SalesforceUnavailable> interruption) {
    public WriteReport {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        Objects.requireNonNull(interruption, "interruption");
    }

    public ActionOutcome outcome(String key) {
        return outcomes.get(key);
    }

    public boolean complete() {
        return interruption.isEmpty();
    }
}
