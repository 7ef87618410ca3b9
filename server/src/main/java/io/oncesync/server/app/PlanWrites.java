package io.oncesync.server.app;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.server.salesforce.RecordOutcome;
import io.oncesync.server.salesforce.RecordWrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the plans of a whole batch into one list of {@link RecordWrite}s (so the writer sends at most 200 records
 * per call across events), and the writer's outcomes back into each plan's {@link ActionOutcome}s. Write keys are
 * {@code <slot>/<action key>}, so {@code ResultOf("person")} of one event never resolves to another event's person.
 */
final class PlanWrites {
    private PlanWrites() {
    }

    static String key(int slot, String actionKey) {
        return slot + "/" + actionKey;
    }

    /** The writes for one plan, in action order. {@code overrides} turns a planned create into an update of a found record. */
    static List<RecordWrite> writes(int slot, Decision decision, Map<String, String> createAsUpdateOf) {
        List<RecordWrite> out = new ArrayList<>();
        for (PlannedAction a : decision.actions()) {
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> toNull = new HashSet<>();
            Map<String, String> refs = new LinkedHashMap<>();
            String existing = createAsUpdateOf.get(a.key());
            Operation op = existing != null ? Operation.UPDATE : a.operation();
            a.fields().forEach((field, value) -> {
                if (value instanceof FieldValue.ResultOf r) {
                    refs.put(field, key(slot, r.actionKey()));
                } else if (value instanceof FieldValue.Literal l) {
                    if (!l.text().isEmpty()) {
                        values.put(field, l.text());
                    } else if (op == Operation.UPDATE) {
                        toNull.add(field);
                    }
                }
            });
            RecordWrite.Kind kind = op == Operation.CREATE ? RecordWrite.Kind.CREATE : RecordWrite.Kind.UPDATE;
            String id = existing != null ? existing : a.recordId();
            out.add(new RecordWrite(key(slot, a.key()), kind, a.object().apiName(), id, values, toNull, refs));
        }
        return out;
    }

    /** One outcome per action, in action order; an action the run did not reach is NotAttempted. */
    static List<ActionOutcome> outcomes(int slot, Decision decision, Map<String, RecordOutcome> byKey) {
        List<ActionOutcome> out = new ArrayList<>();
        for (PlannedAction a : decision.actions()) {
            out.add(outcome(a, byKey.get(key(slot, a.key()))));
        }
        return out;
    }

    /** True when every action of the plan got an outcome (the run was not cut short before reaching it). */
    static boolean reached(int slot, Decision decision, Map<String, RecordOutcome> byKey) {
        return decision.actions().stream().allMatch(a -> byKey.containsKey(key(slot, a.key())));
    }

    static ActionOutcome outcome(PlannedAction a, RecordOutcome o) {
        if (o == null) {
            return new ActionOutcome.NotAttempted(a.key(), a.object(), "not reached");
        }
        if (o instanceof RecordOutcome.Written w) {
            return w.created() ? new ActionOutcome.Created(a.key(), a.object(), w.id())
                    : new ActionOutcome.Updated(a.key(), a.object(), w.id());
        }
        if (o instanceof RecordOutcome.MatchedExisting m) {
            return new ActionOutcome.Updated(a.key(), a.object(), m.id());
        }
        if (o instanceof RecordOutcome.FollowedConversion f) {
            SObjectType object = a.object() == SObjectType.LEAD ? SObjectType.CONTACT : a.object();
            return new ActionOutcome.Updated(a.key(), object, f.id());
        }
        if (o instanceof RecordOutcome.Rejected r) {
            return new ActionOutcome.Rejected(a.key(), a.object(), r.statusCode(), r.message(), r.fields(), r.retryable());
        }
        RecordOutcome.Skipped s = (RecordOutcome.Skipped) o;
        return new ActionOutcome.NotAttempted(a.key(), a.object(), s.reason());
    }
}
