package io.oncesync.server.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldOrigin;
import io.oncesync.engine.plan.FiredRule;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.port.ActionOutcome;
import java.util.List;

/**
 * The decision trace stored with every event (inbox column {@code decision_trace}): what the rules decided and why,
 * and what Salesforce answered for each action. JSON, so the admin API and the demo can read it back.
 *
 * <pre>{"eventId":…,"type":…,"bookingId":…,"person":"a new Lead","meeting":"Event 00U…","executable":true,
 *  "rulesFired":["identification: …"],"fields":["Lead.Email = \"…\" | MAPPING from email | rule"],
 *  "failures":[…],"contradictions":[…],"actions":[{"key":"person","object":"Lead","operation":"CREATE"}],
 *  "outcomes":[{"key":"person","object":"Lead","result":"created","id":"00Q…"}],"note":…}</pre>
 */
public final class TraceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {
    }

    static String of(OnceHubEvent event, Decision decision, List<ActionOutcome> outcomes, String note) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.id());
        root.put("type", event.type().wireName());
        event.bookingId().ifPresent(b -> root.put("bookingId", b));
        if (decision != null) {
            root.put("person", decision.personRecord().map(Object::toString).orElse(null));
            root.put("meeting", decision.meetingRecord().map(Object::toString).orElse(null));
            root.put("executable", decision.executable());
            ArrayNode rules = root.putArray("rulesFired");
            for (FiredRule r : decision.trace().rulesFired()) {
                rules.add(r.stage() + ": " + r.rule());
            }
            ArrayNode fields = root.putArray("fields");
            for (FieldOrigin f : decision.trace().fields()) {
                fields.add(f.object().apiName() + "." + f.field() + " = " + (f.value() == null ? "?" : "\"" + f.value() + "\"")
                        + " | " + f.provenance() + (f.source() == null ? "" : " from " + f.source()) + " | " + f.rule());
            }
            ArrayNode failures = root.putArray("failures");
            decision.failures().forEach(v -> failures.add(v.toString() + " (" + v.rule() + ")"));
            ArrayNode contradictions = root.putArray("contradictions");
            decision.contradictions().forEach(c -> contradictions.add(c.toString()));
            ArrayNode actions = root.putArray("actions");
            for (PlannedAction a : decision.actions()) {
                ObjectNode n = actions.addObject().put("key", a.key()).put("object", a.object().apiName())
                        .put("operation", a.operation().name());
                if (a.recordId() != null) {
                    n.put("recordId", a.recordId());
                }
            }
        }
        ArrayNode results = root.putArray("outcomes");
        for (ActionOutcome o : outcomes) {
            ObjectNode n = results.addObject().put("key", o.key()).put("object", o.object().apiName());
            String result = switch (o.kind()) {
                case SAVED -> saved(n, (ActionOutcome.Saved) o);
                case REJECTED -> {
                    ActionOutcome.Rejected r = (ActionOutcome.Rejected) o;
                    n.put("statusCode", r.statusCode()).put("message", r.message()).put("retryable", r.retryable());
                    ArrayNode f = n.putArray("fields");
                    r.fields().forEach(f::add);
                    yield "rejected";
                }
                case NOT_ATTEMPTED -> {
                    n.put("reason", ((ActionOutcome.NotAttempted) o).reason());
                    yield "not attempted";
                }
            };
            n.put("result", result);
        }
        if (note != null) {
            root.put("note", note);
        }
        return root.toString();
    }

    /** Adds the saved record's id (and how it came to be, when not plainly) and returns the result's name. */
    private static String saved(ObjectNode n, ActionOutcome.Saved s) {
        n.put("id", s.id());
        return switch (s.how()) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case MATCHED_EXISTING -> {
                n.put("reason", "the create was blocked by duplicate rule "
                        + (s.via() == null ? "(unnamed)" : s.via()) + ", which named this existing record");
                yield "matched existing";
            }
            case FOLLOWED_CONVERSION -> {
                n.put("reason", "Lead " + s.via() + " was converted; its Contact was updated instead");
                yield "updated";
            }
        };
    }
}
