package io.oncesync.engine.sync;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.rulebook.RuleFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BatchDecider} made of one delivery: not an event to act on, stale, already applied, a rule failure,
 * not reached because Salesforce could not answer, or decided. Switch on {@link #kind()}: the compiler checks the
 * switch is exhaustive.
 */
public sealed interface Verdict permits Verdict.Unparsed, Verdict.Stale, Verdict.AppliedEarlier, Verdict.RuleFailed,
        Verdict.Unreached, Verdict.Decided {

    enum Kind {
        /** A valid payload oncesync does not act on (e.g. an event type it ignores). */
        IGNORED_PAYLOAD,
        /** A payload that does not parse as a OnceHub event. */
        MALFORMED,
        /** The booking's ledger has this snapshot or a newer one applied. */
        STALE,
        /** An earlier try of this very delivery was applied and recorded in the ledger, but not settled. */
        APPLIED_EARLIER,
        /** A rule threw; the same rules fail the same way on every retry. */
        RULE_FAILED,
        /** A Salesforce call failed before the delivery was decided. */
        UNREACHED,
        /** Decided, but the plan cannot run (validation failures or contradictions). */
        NOT_EXECUTABLE,
        /** Decided: no person and no meeting to record (e.g. an anonymous chatbot visitor). */
        NOTHING_TO_RECORD,
        /** Decided: a plan to write. */
        WRITE
    }

    Kind kind();

    /** The OnceHub event, once the payload parsed. */
    Optional<OnceHubEvent> event();

    record Unparsed(ParseResult parsed) implements Verdict {
        public Unparsed {
            if (parsed instanceof ParseResult.Accepted) {
                throw new IllegalArgumentException("an accepted payload is not unparsed");
            }
        }

        @Override
        public Kind kind() {
            return parsed instanceof ParseResult.Ignored ? Kind.IGNORED_PAYLOAD : Kind.MALFORMED;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.empty();
        }
    }

    /** {@code incoming} is not after {@code applied}, the snapshot time the ledger holds for the booking. */
    record Stale(OnceHubEvent onceHubEvent, Instant applied, Instant incoming) implements Verdict {
        @Override
        public Kind kind() {
            return Kind.STALE;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.of(onceHubEvent);
        }
    }

    /** The ledger holds this very snapshot and the delivery was taken up before: its earlier try was applied. */
    record AppliedEarlier(OnceHubEvent onceHubEvent, LedgerEntry entry) implements Verdict {
        @Override
        public Kind kind() {
            return Kind.APPLIED_EARLIER;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.of(onceHubEvent);
        }
    }

    record RuleFailed(OnceHubEvent onceHubEvent, RuleFailure failure) implements Verdict {
        @Override
        public Kind kind() {
            return Kind.RULE_FAILED;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.of(onceHubEvent);
        }
    }

    record Unreached(OnceHubEvent onceHubEvent, CallFailure failure) implements Verdict {
        @Override
        public Kind kind() {
            return Kind.UNREACHED;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.of(onceHubEvent);
        }
    }

    /**
     * The rules' decision and what it was made from.
     *
     * @param ledger     the booking's ledger entry (or the entry of the booking it replaces), if any
     * @param candidates the Leads and Contacts found for the guest, the converted Leads' Contacts included
     * @param recovered  action key → the id of the meeting record an earlier try had created, which the decision
     *                   now updates instead of creating another; empty on a first try
     */
    record Decided(OnceHubEvent onceHubEvent, Optional<LedgerEntry> ledger, List<Candidate> candidates,
                   Decision decision, Map<String, String> recovered) implements Verdict {
        public Decided {
            Objects.requireNonNull(onceHubEvent, "onceHubEvent");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(decision, "decision");
            candidates = List.copyOf(candidates);
            recovered = Map.copyOf(recovered);
        }

        @Override
        public Kind kind() {
            if (!decision.executable()) {
                return Kind.NOT_EXECUTABLE;
            }
            boolean nothing = decision.actions().isEmpty() && decision.personRecord().isEmpty()
                    && decision.meetingRecord().isEmpty();
            return nothing ? Kind.NOTHING_TO_RECORD : Kind.WRITE;
        }

        @Override
        public Optional<OnceHubEvent> event() {
            return Optional.of(onceHubEvent);
        }
    }
}
