package io.oncesync.server.admin;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.LookupRequest;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one webhook payload against an org exactly as a worker would (lookup, follow-up for converted Leads,
 * the org's metadata, the booking ledger) but writes nothing: the plan and trace are only shown. Blocking.
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
    public static final BookingLedger NO_LEDGER = new BookingLedger() {
        @Override
        public Optional<LedgerEntry> find(String bookingId) {
            return Optional.empty();
        }

        @Override
        public void record(LedgerEntry entry) {
            throw new UnsupportedOperationException("a dry run writes nothing");
        }
    };

    private final CandidateLookup lookup;
    private final OrgMetadataSource metadata;
    private final BookingLedger ledger;

    public DryRun(CandidateLookup lookup, OrgMetadataSource metadata, BookingLedger ledger) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public Outcome run(byte[] payload, RuleBook book, Settings settings) throws CallFailure {
        ParseResult parsed = new WebhookParser().parse(payload);
        if (!(parsed instanceof ParseResult.Accepted accepted)) {
            return new Outcome(parsed, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
        OnceHubEvent event = accepted.event();
        Optional<LedgerEntry> entry = event.bookingId().flatMap(ledger::find);
        LookupRequest request = LookupRequest.of(event, entry, settings);
        List<Candidate> found = new ArrayList<>(lookup.find(List.of(request)).getOrDefault(request, List.of()));
        Optional<LookupRequest> followUp = request.followUp(found);
        if (followUp.isPresent()) {
            found.addAll(lookup.find(List.of(followUp.get())).getOrDefault(followUp.get(), List.of()));
        }
        OrgMetadata org = metadata.describe(EnumSet.allOf(SObjectType.class));
        Decision decision = book.decide(event, new OrgState(found, org), entry, settings);
        return new Outcome(parsed, Optional.of(event), found, entry, Optional.of(decision));
    }
}
