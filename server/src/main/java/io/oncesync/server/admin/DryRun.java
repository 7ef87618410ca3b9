package io.oncesync.server.admin;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.sync.BatchDecider;
import io.oncesync.engine.sync.Delivery;
import io.oncesync.engine.sync.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides one webhook payload against an org through the engine's one decision path, exactly as a worker would
 * (lookup, follow-up for converted Leads, the org's metadata, the booking ledger), but for any snapshot however
 * old, and writes nothing: the plan and trace are only shown. Blocking.
 */
public final class DryRun {

    /** The parse result, and for an accepted event what was found and what would be done. */
    public record Outcome(ParseResult parsed, Optional<OnceHubEvent> event, List<Candidate> candidates,
                          Optional<LedgerEntry> ledger, Optional<Decision> decision) {
        public Outcome {
            candidates = List.copyOf(candidates);
        }
    }

    /** A ledger that knows no booking (a local org, or no database at hand). */
    public static final BookingLedger NO_LEDGER = BookingLedger.NONE;

    private final BatchDecider decider;

    public DryRun(CandidateLookup lookup, OrgMetadataSource metadata, BookingLedger ledger) {
        this.decider = new BatchDecider(lookup, metadata, ledger, EarlierMeetings.NONE).decidingStaleSnapshots();
    }

    /** @throws io.oncesync.engine.rulebook.RuleFailure when a rule throws while deciding */
    public Outcome run(byte[] payload, RuleBook book, Settings settings) throws CallFailure {
        Verdict v = decider.decide(List.of(Delivery.first(payload, Instant.now())), book, settings).get(0);
        return switch (v.kind()) {
            case IGNORED_PAYLOAD, MALFORMED -> new Outcome(((Verdict.Unparsed) v).parsed(), Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty());
            case RULE_FAILED -> throw ((Verdict.RuleFailed) v).failure();
            case UNREACHED -> throw ((Verdict.Unreached) v).failure();
            case NOT_EXECUTABLE, NOTHING_TO_RECORD, WRITE -> {
                Verdict.Decided d = (Verdict.Decided) v;
                yield new Outcome(new ParseResult.Accepted(d.onceHubEvent()), Optional.of(d.onceHubEvent()),
                        d.candidates(), LedgerEntry.seenByRules(d.ledger()), Optional.of(d.decision()));
            }
            case STALE, APPLIED_EARLIER -> throw new IllegalStateException("a dry run decides every snapshot: " + v);
        };
    }
}
