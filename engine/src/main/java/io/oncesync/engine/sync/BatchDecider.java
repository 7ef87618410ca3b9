package io.oncesync.engine.sync;

import io.oncesync.engine.oncehub.EventType;
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
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleFailure;
import io.oncesync.engine.settings.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides a batch of webhook deliveries the one way oncesync decides anything: the sync pipeline, the dry run and
 * the golden scenarios all come here. In order: parse each body; skip snapshots not newer than what the booking
 * ledger says was applied; look every guest of the batch up in one batched lookup (plus one follow-up for the
 * Contacts of converted Leads); describe the org; decide each event with the rules; and, for deliveries tried
 * before, turn a planned meeting create into an update of the record the earlier try made. Writes nothing.
 *
 * <p>A Salesforce call that fails leaves the deliveries it stopped as {@link Verdict.Unreached}; the verdicts
 * reached before it stand. Blocking.
 */
public final class BatchDecider {
    /** Earlier tries wrote after the delivery was received; a margin covers clocks that disagree a little. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    private static final WebhookParser PARSER = new WebhookParser();

    private final CandidateLookup lookup;
    private final OrgMetadataSource metadata;
    private final BookingLedger ledger;
    private final EarlierMeetings earlier;
    private final boolean checkFreshness;

    public BatchDecider(CandidateLookup lookup, OrgMetadataSource metadata, BookingLedger ledger, EarlierMeetings earlier) {
        this(lookup, metadata, ledger, earlier, true);
    }

    private BatchDecider(CandidateLookup lookup, OrgMetadataSource metadata, BookingLedger ledger, EarlierMeetings earlier,
                         boolean checkFreshness) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.earlier = Objects.requireNonNull(earlier, "earlier");
        this.checkFreshness = checkFreshness;
    }

    /**
     * This decider deciding every snapshot, however old: a dry run shows what the rules would do with a payload
     * now, typically one already applied. Everything else is the same path.
     */
    public BatchDecider decidingStaleSnapshots() {
        return new BatchDecider(lookup, metadata, ledger, earlier, false);
    }

    /** One delivery on its way through the batch. */
    private static final class Item {
        final Delivery delivery;
        final OnceHubEvent event;
        Optional<LedgerEntry> stored = Optional.empty();
        List<Candidate> candidates = List.of();
        Verdict verdict;

        Item(Delivery delivery, OnceHubEvent event) {
            this.delivery = delivery;
            this.event = event;
        }
    }

    /** One verdict per delivery, in the deliveries' order. */
    public List<Verdict> decide(List<Delivery> batch, RuleBook book, Settings settings) {
        Verdict[] out = new Verdict[batch.size()];
        Map<Integer, Item> items = parse(batch, out);
        checkFreshness(items.values());
        List<Item> open = items.values().stream().filter(i -> i.verdict == null).toList();
        if (!open.isEmpty()) {
            try {
                lookUp(open, settings);
                OrgMetadata org = metadata.describe(EnumSet.allOf(SObjectType.class));
                open.forEach(item -> item.verdict = decide(item, book, org, settings));
                recoverEarlierTries(open);
            } catch (CallFailure f) {
                open.stream().filter(i -> i.verdict == null || i.verdict.kind() == Verdict.Kind.WRITE)
                        .forEach(i -> i.verdict = new Verdict.Unreached(i.event, f));
            }
        }
        items.forEach((slot, item) -> out[slot] = item.verdict);
        return List.of(out);
    }

    /** Step 1: the bodies that parse as OnceHub events to act on; the others get their verdict now. */
    private static Map<Integer, Item> parse(List<Delivery> batch, Verdict[] out) {
        Map<Integer, Item> items = new LinkedHashMap<>();
        for (int slot = 0; slot < batch.size(); slot++) {
            ParseResult parsed = PARSER.parse(batch.get(slot).body());
            if (parsed instanceof ParseResult.Accepted a) {
                items.put(slot, new Item(batch.get(slot), a.event()));
            } else {
                out[slot] = new Verdict.Unparsed(parsed);
            }
        }
        return items;
    }

    /** Step 2: the booking ledger's entries, and the verdict for snapshots not newer than the one applied. */
    private void checkFreshness(Iterable<Item> items) {
        List<String> bookingIds = new ArrayList<>();
        items.forEach(i -> Stream.concat(i.event.bookingId().stream(), i.event.previousBookingId().stream())
                .filter(id -> !bookingIds.contains(id)).forEach(bookingIds::add));
        Map<String, LedgerEntry> known = bookingIds.isEmpty() ? Map.of() : ledger.findAll(bookingIds);
        for (Item item : items) {
            Optional<LedgerEntry> entry = item.event.bookingId().map(known::get);
            // A booking that replaces another (canceled_then_rescheduled with a new id) moves the replaced
            // booking's meeting record instead of creating a second one; staleness only compares the same booking.
            item.stored = entry.isPresent() ? entry : item.event.previousBookingId().map(known::get);
            Instant applied = entry.map(LedgerEntry::appliedUpdateAt).orElse(null);
            Instant incoming = item.event.data().lastUpdated();
            if (!checkFreshness || applied == null || incoming == null) {
                continue;
            }
            if (incoming.equals(applied) && item.delivery.attempts() > 1) {
                // The ledger is written before the outcome is recorded: an earlier try of this very delivery wrote
                // Salesforce and the ledger, then the process stopped before it could record the outcome.
                item.verdict = new Verdict.AppliedEarlier(item.event, entry.get());
            } else if (!incoming.isAfter(applied)) {
                item.verdict = new Verdict.Stale(item.event, applied, incoming);
            }
        }
    }

    /** Step 3: every guest of the batch in one lookup, then one follow-up for converted Leads' Contacts. */
    private void lookUp(List<Item> items, Settings settings) throws CallFailure {
        Map<Item, LookupRequest> requests = new LinkedHashMap<>();
        items.forEach(i -> requests.put(i, LookupRequest.of(i.event, LedgerEntry.seenByRules(i.stored), settings)));
        Map<LookupRequest, List<Candidate>> found = lookup.find(requests.values());
        Map<Item, LookupRequest> followUps = new LinkedHashMap<>();
        requests.forEach((item, request) -> {
            item.candidates = found.getOrDefault(request, List.of());
            request.followUp(item.candidates).ifPresent(f -> followUps.put(item, f));
        });
        if (followUps.isEmpty()) {
            return;
        }
        Map<LookupRequest, List<Candidate>> more = lookup.find(followUps.values());
        followUps.forEach((item, f) -> {
            Map<String, Candidate> merged = new LinkedHashMap<>();
            item.candidates.forEach(c -> merged.put(c.id(), c));
            more.getOrDefault(f, List.of()).forEach(c -> merged.putIfAbsent(c.id(), c));
            item.candidates = List.copyOf(merged.values());
        });
    }

    /** Step 4: the rules' decision for one event. */
    private static Verdict decide(Item item, RuleBook book, OrgMetadata org, Settings settings) {
        try {
            Decision decision = book.decide(item.event, new OrgState(item.candidates, org),
                    LedgerEntry.seenByRules(item.stored), settings);
            return new Verdict.Decided(item.event, item.stored, item.candidates, decision, Map.of());
        } catch (RuleFailure f) {
            return new Verdict.RuleFailed(item.event, f);
        }
    }

    /**
     * Step 5: the meeting record an earlier try may already have created, so the plan updates it instead of creating
     * a second one. Asked for a delivery tried before, and for a later event of a booking the ledger has no meeting
     * for (its booking.scheduled may have created one and failed after); a first try of a booking's first event
     * cannot have written anything and is not asked, which saves a known guest's booking a round trip.
     */
    private void recoverEarlierTries(List<Item> items) throws CallFailure {
        Map<Item, PlannedAction> creating = new LinkedHashMap<>();
        List<EarlierMeetings.Search> searches = new ArrayList<>();
        for (Item item : items) {
            if (!mayFollowAnEarlierTry(item) || !(item.verdict instanceof Verdict.Decided d)
                    || d.kind() != Verdict.Kind.WRITE || item.event.bookingId().isEmpty()) {
                continue;
            }
            Optional<PlannedAction> create = d.decision().meetingRecord().filter(RecordChoice::isNew)
                    .flatMap(m -> d.decision().action(m.actionKey())).filter(a -> a.operation() == Operation.CREATE);
            if (create.isPresent()) {
                creating.put(item, create.get());
                searches.add(search(item, d.decision(), create.get()));
            }
        }
        if (searches.isEmpty()) {
            return;
        }
        Map<String, String> found = earlier.find(searches);
        creating.forEach((item, action) -> {
            String id = found.get(item.event.bookingId().orElseThrow());
            if (id != null) {
                Verdict.Decided d = (Verdict.Decided) item.verdict;
                Map<String, String> recovered = Map.of(action.key(), id);
                item.verdict = new Verdict.Decided(d.onceHubEvent(), d.ledger(), d.candidates(),
                        updating(d.decision(), recovered), recovered);
            }
        });
    }

    private static boolean mayFollowAnEarlierTry(Item item) {
        return item.delivery.triedBefore() || (item.event.type() != EventType.BOOKING_SCHEDULED
                && LedgerEntry.seenByRules(item.stored).isEmpty());
    }

    private static EarlierMeetings.Search search(Item item, Decision decision, PlannedAction create) {
        String person = decision.personRecord().filter(p -> !p.isNew())
                .filter(p -> create.object() == SObjectType.EVENT || p.object() == SObjectType.CONTACT)
                .map(RecordChoice::recordId).orElse(null);
        String start = create.fields().get("StartDateTime") instanceof FieldValue.Literal l ? l.text() : null;
        return new EarlierMeetings.Search(item.event.bookingId().orElseThrow(), create.object(), person, start,
                item.delivery.receivedAt().minus(CLOCK_MARGIN));
    }

    /** The decision with its planned meeting create turned into an update of the record an earlier try made. */
    static Decision updating(Decision d, Map<String, String> recovered) {
        List<PlannedAction> actions = new ArrayList<>();
        for (PlannedAction a : d.actions()) {
            String id = recovered.get(a.key());
            actions.add(id == null ? a : new PlannedAction(a.key(), a.object(), Operation.UPDATE, id, a.fields()));
        }
        RecordChoice meeting = d.meeting();
        if (meeting != null && recovered.containsKey(meeting.actionKey())) {
            meeting = new RecordChoice(meeting.object(), recovered.get(meeting.actionKey()), meeting.actionKey());
        }
        return new Decision(d.eventId(), d.person(), meeting, actions, d.failures(), d.contradictions(), d.trace());
    }
}
