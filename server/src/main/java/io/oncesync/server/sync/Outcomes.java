package io.oncesync.server.sync;

import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.LedgerEntries;
import io.oncesync.engine.rulebook.RuleFailure;
import io.oncesync.engine.sync.Verdict;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.work.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the pipeline answers the inbox: one {@link Outcome} per verdict, per written plan, or per failed call. */
final class Outcomes {
    private final PausePolicy pauses;
    private final Clock clock;

    Outcomes(PausePolicy pauses, Clock clock) {
        this.pauses = pauses;
        this.clock = clock;
    }

    /** The outcome of an event that is not to be written. */
    Outcome of(Verdict v) {
        return switch (v.kind()) {
            case IGNORED_PAYLOAD -> Outcome.ignored(((ParseResult.Ignored) ((Verdict.Unparsed) v).parsed()).reason(), null);
            case MALFORMED -> Outcome.failed("malformed event: " + ((Verdict.Unparsed) v).parsed(), null);
            case STALE -> {
                Verdict.Stale s = (Verdict.Stale) v;
                yield Outcome.ignored("an update of this booking as new or newer (" + s.applied() + ") was already"
                        + " applied; this snapshot is from " + s.incoming(), null);
            }
            case APPLIED_EARLIER -> appliedEarlier(((Verdict.AppliedEarlier) v).entry());
            // The same rules fail the same way on every retry: park this event, keep the rest of the batch going.
            case RULE_FAILED -> ruleFailed(((Verdict.RuleFailed) v).failure());
            case UNREACHED -> {
                Verdict.Unreached u = (Verdict.Unreached) v;
                yield unavailable(u.failure().getCause() instanceof SalesforceUnavailable su ? su : null,
                        u.failure().getMessage());
            }
            case NOT_EXECUTABLE -> {
                Verdict.Decided d = (Verdict.Decided) v;
                List<String> why = new ArrayList<>();
                d.decision().failures().forEach(f -> why.add(f.toString()));
                d.decision().contradictions().forEach(c -> why.add(c.toString()));
                yield Outcome.failed("the rules produced no executable plan: " + String.join("; ", why), trace(d, List.of()));
            }
            // e.g. an anonymous chatbot visitor: nothing to identify, nothing to record
            case NOTHING_TO_RECORD -> Outcome.ignored("the rules chose no person and no meeting to record",
                    trace((Verdict.Decided) v, List.of()));
            case WRITE -> throw new IllegalArgumentException("a plan to write has its outcome once written: " + v);
        };
    }

    private static Outcome ruleFailed(RuleFailure f) {
        return Outcome.failed("a rule failed while deciding: " + f.getMessage()
                + " — fix the rule, reload, then replay this delivery", null);
    }

    /** The outcome of an event whose earlier attempt was applied and recorded in the ledger, but not settled. */
    private static Outcome appliedEarlier(LedgerEntry e) {
        List<String> records = e.meetingId() == null ? List.of() : List.of(e.meetingId());
        return Outcome.applied(e.personId(), records, "{\"note\":\"applied by an earlier attempt of this event; the"
                + " process stopped after writing Salesforce and the booking ledger, before recording the outcome\"}");
    }

    /** The outcome of a written plan: refused, to retry, not all written, or applied with the records it made. */
    Outcome written(Verdict.Decided d, List<ActionOutcome> outcomes) {
        String trace = trace(d, outcomes);
        List<String> refused = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        List<String> notAttempted = new ArrayList<>();
        for (ActionOutcome o : outcomes) {
            String problem = switch (o.kind()) {
                case SAVED -> null;
                case REJECTED -> {
                    ActionOutcome.Rejected r = (ActionOutcome.Rejected) o;
                    yield r.object().apiName() + " " + r.statusCode() + ": " + r.message()
                            + (r.fields().isEmpty() ? "" : " " + r.fields());
                }
                case NOT_ATTEMPTED -> o.key() + " (" + ((ActionOutcome.NotAttempted) o).reason() + ")";
            };
            if (problem != null) {
                (o instanceof ActionOutcome.Rejected r ? (r.retryable() ? busy : refused) : notAttempted).add(problem);
            }
        }
        // A permanent refusal outranks contention: retrying cannot make the refused record pass.
        if (!refused.isEmpty()) {
            refused.addAll(busy);
            return Outcome.failed("Salesforce refused " + String.join("; ", refused), trace);
        }
        if (!busy.isEmpty()) {
            return Outcome.retry("Salesforce could not save now: " + String.join("; ", busy), trace);
        }
        if (!notAttempted.isEmpty()) {
            return Outcome.failed("not written: " + String.join(", ", notAttempted), trace);
        }
        Decision decision = d.decision();
        List<String> records = new ArrayList<>();
        decision.meetingRecord().flatMap(m -> LedgerEntries.idOf(m, outcomes)).ifPresent(records::add);
        return Outcome.applied(decision.personRecord().flatMap(p -> LedgerEntries.idOf(p, outcomes)).orElse(null),
                records, trace);
    }

    private static String trace(Verdict.Decided d, List<ActionOutcome> outcomes) {
        String note = d.recovered().isEmpty() ? null
                : "found the meeting record an earlier attempt had created: " + d.recovered().values();
        return TraceJson.of(d.onceHubEvent(), d.decision(), outcomes, note);
    }

    /** Salesforce cannot take work now: pause (limit, outage, reconnect needed) or retry (the call was refused). */
    Outcome unavailable(SalesforceUnavailable e, String message) {
        Instant now = clock.instant();
        if (e == null) {
            return Outcome.retry(message == null ? "Salesforce call failed" : message, null);
        }
        return switch (e.kind()) {
            case LIMIT_REACHED -> Outcome.pause(e.resumeAt().orElse(now.plus(pauses.afterLimitReached())), e.getMessage());
            case UNREACHABLE -> Outcome.pause(e.resumeAt().orElse(now.plus(pauses.afterUnreachable())), e.getMessage());
            case RECONNECT_NEEDED -> Outcome.pause(now.plus(pauses.afterUnreachable()), e.getMessage());
            case CALL_REFUSED -> Outcome.retry(e.getMessage(), null);
        };
    }

    /** What the log line says of an outcome. */
    static String detail(Outcome o) {
        return switch (o.kind()) {
            case APPLIED -> "person=" + ((Outcome.Applied) o).personId() + " records=" + ((Outcome.Applied) o).recordIds();
            case IGNORED -> "reason=\"" + ((Outcome.Ignored) o).reason() + "\"";
            case RETRY -> "error=\"" + ((Outcome.Retry) o).error() + "\"";
            case FAILED -> "error=\"" + ((Outcome.Failed) o).error() + "\"";
            case PAUSE -> "until=" + ((Outcome.Pause) o).until() + " reason=\"" + ((Outcome.Pause) o).reason() + "\"";
        };
    }
}
