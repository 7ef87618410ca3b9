package io.oncesync.server.salesforce.write;

import io.oncesync.server.salesforce.CallFailures;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.CallFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Writes the engine's decisions: their actions become {@link RecordWrite}s (a {@code ResultOf} value becomes a
 * reference to the earlier write's id), the {@link RecordWriter} batches them, and its outcomes are reported back
 * in action order. A record that a duplicate rule matched or a converted Lead's Contact is
 * reported as {@link ActionOutcome.Saved} with the id (and object) actually used, so the ledger and the Event link
 * to it; {@link ActionOutcome.Saved#how()} keeps how it came to be for the trace.
 */
public final class EngineWriter {
    private final SalesforceGateway gateway;

    public EngineWriter(SalesforceGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Executes many decisions together: all their people in one round of calls, then all their meetings, at most
     * 200 records per call. Action keys are made unique per decision ({@code <index>/<key>}).
     */
    public PlanBatch executeAll(List<Decision> decisions) throws CallFailure {
        return executeAll(decisions, () -> false);
    }

    /** As {@link #executeAll(List)}, sending no further round of calls once {@code stop} answers true. */
    public PlanBatch executeAll(List<Decision> decisions, BooleanSupplier stop) throws CallFailure {
        List<RecordWrite> writes = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            String prefix = i + "/";
            for (PlannedAction a : decisions.get(i).actions()) {
                RecordWrite w = write(a);
                Map<String, String> refs = new LinkedHashMap<>();
                w.idsFrom().forEach((field, key) -> refs.put(field, prefix + key));
                writes.add(new RecordWrite(prefix + w.key(), w.kind(), w.object(), w.id(), w.values(),
                        w.fieldsToNull(), refs));
            }
        }
        WriteReport report;
        try {
            report = gateway.session().writer().write(writes, stop);
        } catch (SalesforceUnavailable e) {
            throw CallFailures.of(e);
        }
        List<Optional<List<ActionOutcome>>> outcomes = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            String prefix = i + "/";
            List<PlannedAction> actions = decisions.get(i).actions();
            if (actions.stream().allMatch(a -> report.outcomes().containsKey(prefix + a.key()))) {
                outcomes.add(Optional.of(actions.stream().map(a -> outcome(a, report.outcome(prefix + a.key()))).toList()));
            } else {
                outcomes.add(Optional.empty());
            }
        }
        return new PlanBatch(outcomes, report.interruption());
    }

    public static RecordWrite write(PlannedAction a) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> toNull = new HashSet<>();
        Map<String, String> refs = new LinkedHashMap<>();
        a.fields().forEach((field, value) -> {
            if (value instanceof FieldValue.ResultOf r) {
                refs.put(field, r.actionKey());
            } else if (value instanceof FieldValue.Literal l) {
                if (!l.text().isEmpty()) {
                    values.put(field, l.text());
                } else if (a.operation() == Operation.UPDATE) {
                    toNull.add(field);
                }
            }
        });
        RecordWrite.Kind kind = a.operation() == Operation.CREATE ? RecordWrite.Kind.CREATE : RecordWrite.Kind.UPDATE;
        return new RecordWrite(a.key(), kind, a.object(), a.recordId(), values, toNull, refs);
    }

    /** The writer's outcome under the plan's key; an action the run did not reach is not attempted. */
    public static ActionOutcome outcome(PlannedAction a, ActionOutcome written) {
        return written == null ? new ActionOutcome.NotAttempted(a.key(), a.object(), "not reached")
                : written.withKey(a.key());
    }
}
