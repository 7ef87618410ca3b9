package io.oncesync.server.app;

import io.oncesync.server.logging.LogContext;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.oncehub.Interaction;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.LookupRequest;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.BookingStamp;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.LedgerEntries;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleFailure;
import io.oncesync.engine.settings.Settings;
import io.oncesync.server.inbox.BookingLedgerEntry;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.LedgerStore;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.ApiUsage;
import io.oncesync.server.salesforce.OrgSession;
import io.oncesync.server.salesforce.write.PlanBatch;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.work.EventProcessor;
import io.oncesync.server.work.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real pipeline for one claimed batch: parse each event, skip snapshots older than what the booking ledger
 * says was applied, look up every guest of the batch in one batched lookup (plus one follow-up for converted
 * Leads), decide each event with the rules, write every plan of the batch through one batched writer run, record
 * the booking ledger, and answer one {@link Outcome} per event.
 *
 * <p>A Salesforce outage, a reached API limit or a lost connection pauses the whole pipeline (events not written
 * are released, not failed). A plan the rules cannot execute, or a record Salesforce refuses permanently, becomes a
 * dead letter with the Salesforce error and the decision trace. An event retried after a crash first looks for the
 * meeting record its earlier attempt may already have created (the meetings policy stamps every new Event's or
 * Case's Description with the booking, whatever the mappings say: {@link BookingStamp}), so a restart never makes
 * a second Event.
 */
public final class SyncPipeline implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("oncesync.sync");
    private static final Set<SObjectType> ALL = EnumSet.allOf(SObjectType.class);

    private final Policies policies;
    private final SalesforceGateway gateway;
    private final LedgerStore ledger;
    private final PausePolicy pauses;
    private final Clock clock;
    private final SyncMetrics metrics;
    private final WebhookParser parser = new WebhookParser();
    private final AtomicLong callsCounted = new AtomicLong();

    public SyncPipeline(Policies policies, SalesforceGateway gateway, LedgerStore ledger, PausePolicy pauses, Clock clock,
                        SyncMetrics metrics) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.pauses = Objects.requireNonNull(pauses, "pauses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** One event on its way through the batch. */
    private static final class Item {
        final InboxEvent inbox;
        final OnceHubEvent event;
        Optional<BookingLedgerEntry> stored = Optional.empty();
        Optional<LedgerEntry> ledgerEntry = Optional.empty();
        LookupRequest request;
        Decision decision;
        final Map<String, String> recovered = new HashMap<>();

        Item(InboxEvent inbox, OnceHubEvent event) {
            this.inbox = inbox;
            this.event = event;
        }
    }

    @Override
    public Map<Long, Outcome> process(List<InboxEvent> batch) {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (InboxEvent ev : batch) {
            ParseResult parsed = parser.parse(ev.rawBody());
            if (parsed instanceof ParseResult.Accepted a) {
                items.add(new Item(ev, a.event()));
            } else if (parsed instanceof ParseResult.Ignored i) {
                settle(out, ev, null, Outcome.ignored(i.reason(), null));
            } else {
                settle(out, ev, null, Outcome.failed("malformed event: " + parsed, null));
            }
        }
        skipStale(items, out);
        if (items.isEmpty()) {
            return out;
        }
        try {
            run(items, out);
        } catch (CallFailure f) {
            Outcome o = unavailable(f.getCause() instanceof SalesforceUnavailable su ? su : null, f.getMessage());
            items.stream().filter(i -> !out.containsKey(i.inbox.id())).forEach(i -> settle(out, i.inbox, i.event, o));
        } catch (SalesforceUnavailable e) {
            Outcome o = unavailable(e, e.getMessage());
            items.stream().filter(i -> !out.containsKey(i.inbox.id())).forEach(i -> settle(out, i.inbox, i.event, o));
        } finally {
            countApiCalls();
        }
        return out;
    }

    /** Feeds the Salesforce calls made since the last batch, and the allowance left, to /metrics. */
    private void countApiCalls() {
        ApiUsage usage = gateway.status().usage();
        long made = usage.callsMade();
        long before = callsCounted.getAndUpdate(c -> Math.max(c, made));
        for (long i = before; i < made; i++) {
            metrics.apiCall(usage.current(), usage.limit());
        }
    }

    private void run(List<Item> items, Map<Long, Outcome> out) throws CallFailure, SalesforceUnavailable {
        Policies.Snapshot policy = policies.snapshot();
        Settings settings = policy.settings();
        RuleBook book = policy.rules();
        OrgMetadata metadata = gateway.metadata().describe(ALL);
        Map<Item, List<Candidate>> candidates = lookup(items, settings);
        List<Item> executable = new ArrayList<>();
        for (Item item : items) {
            try {
                item.decision = book.decide(item.event, new OrgState(candidates.get(item), metadata), item.ledgerEntry,
                        settings);
            } catch (RuleFailure f) {
                // The same rules fail the same way on every retry: park this event, keep the rest of the batch going.
                settle(out, item.inbox, item.event, Outcome.failed("a rule failed while deciding: " + f.getMessage()
                        + " — fix the rule, reload, then replay this delivery", null));
                continue;
            }
            if (!item.decision.executable()) {
                List<String> why = new ArrayList<>();
                item.decision.failures().forEach(v -> why.add(v.toString()));
                item.decision.contradictions().forEach(c -> why.add(c.toString()));
                settle(out, item.inbox, item.event, Outcome.failed("the rules produced no executable plan: "
                        + String.join("; ", why), TraceJson.of(item.event, item.decision, List.of(), null)));
            } else if (item.decision.actions().isEmpty() && item.decision.personRecord().isEmpty()
                    && item.decision.meetingRecord().isEmpty()) {
                // e.g. an anonymous chatbot visitor: nothing to identify, nothing to record
                settle(out, item.inbox, item.event, Outcome.ignored("the rules chose no person and no meeting to record",
                        TraceJson.of(item.event, item.decision, List.of(), null)));
            } else {
                executable.add(item);
            }
        }
        if (executable.isEmpty()) {
            return;
        }
        OrgSession session = gateway.session();
        recoverEarlierAttempts(session, executable);
        executable.forEach(item -> item.decision = updateRecovered(item.decision, item.recovered));
        PlanBatch written = gateway.executeAll(executable.stream().map(i -> i.decision).toList());
        List<BookingLedgerEntry> entries = new ArrayList<>();
        Map<Item, Outcome> results = new LinkedHashMap<>();
        for (int slot = 0; slot < executable.size(); slot++) {
            Item item = executable.get(slot);
            Optional<List<ActionOutcome>> done = written.outcomes().get(slot);
            if (done.isEmpty()) {
                SalesforceUnavailable cause = written.interruption().orElse(null);
                results.put(item, unavailable(cause, cause == null ? "the write was cut short" : cause.getMessage()));
                continue;
            }
            List<ActionOutcome> outcomes = done.get();
            String note = item.recovered.isEmpty() ? null
                    : "found the meeting record an earlier attempt had created: " + item.recovered.values();
            String trace = TraceJson.of(item.event, item.decision, outcomes, note);
            Outcome outcome = outcome(item, outcomes, trace);
            if (outcome instanceof Outcome.Applied) {
                ledgerEntry(item, outcomes).ifPresent(entries::add);
            }
            results.put(item, outcome);
        }
        // The ledger first: once an event is settled as applied, its booking's ids must already be durable.
        if (!entries.isEmpty()) {
            ledger.putAll(entries);
        }
        results.forEach((item, o) -> settle(out, item.inbox, item.event, o));
    }

    /** The decision with its planned meeting create turned into an update of the record an earlier attempt made. */
    static Decision updateRecovered(Decision d, Map<String, String> recovered) {
        if (recovered.isEmpty()) {
            return d;
        }
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

    /** Drops events whose booking snapshot is not newer than the one already applied. */
    private void skipStale(List<Item> items, Map<Long, Outcome> out) {
        List<String> bookingIds = items.stream()
                .flatMap(i -> Stream.concat(i.event.bookingId().stream(), i.event.previousBookingId().stream()))
                .distinct().toList();
        Map<String, BookingLedgerEntry> known = bookingIds.isEmpty() ? Map.of() : ledger.findAll(bookingIds);
        items.removeIf(item -> {
            Optional<BookingLedgerEntry> entry = item.event.bookingId().map(known::get);
            // A booking that replaces another (canceled_then_rescheduled with a new id) moves the replaced
            // booking's meeting record instead of creating a second one; staleness only compares the same booking.
            Optional<BookingLedgerEntry> replaced = entry.isPresent() ? Optional.empty()
                    : item.event.previousBookingId().map(known::get);
            item.stored = entry.or(() -> replaced);
            item.ledgerEntry = item.stored.flatMap(SyncPipeline::engineEntry);
            Instant applied = entry.map(BookingLedgerEntry::appliedUpdateAt).orElse(null);
            Instant incoming = item.event.data().lastUpdated();
            if (applied != null && incoming != null && incoming.equals(applied) && item.inbox.attempts() > 1) {
                // The ledger is written before the settlement: an earlier attempt of this very event wrote
                // Salesforce and the ledger, then the process stopped before it could record the outcome.
                settle(out, item.inbox, item.event, appliedEarlier(entry.get()));
                return true;
            }
            if (applied != null && incoming != null && !incoming.isAfter(applied)) {
                settle(out, item.inbox, item.event, Outcome.ignored("an update of this booking as new or newer ("
                        + applied + ") was already applied; this snapshot is from " + incoming, null));
                return true;
            }
            return false;
        });
    }

    /** The outcome of an event whose earlier attempt was applied and recorded in the ledger, but not settled. */
    private static Outcome appliedEarlier(BookingLedgerEntry e) {
        List<String> records = Stream.of(e.eventRecordId(), e.caseRecordId()).filter(Objects::nonNull).toList();
        return Outcome.applied(e.personId(), records, "{\"note\":\"applied by an earlier attempt of this event; the"
                + " process stopped after writing Salesforce and the booking ledger, before recording the outcome\"}");
    }

    private Map<Item, List<Candidate>> lookup(List<Item> items, Settings settings) throws CallFailure {
        Map<Item, List<Candidate>> out = new HashMap<>();
        List<LookupRequest> requests = new ArrayList<>();
        for (Item item : items) {
            item.request = LookupRequest.of(item.event, item.ledgerEntry, settings);
            requests.add(item.request);
        }
        Map<LookupRequest, List<Candidate>> found = gateway.candidateLookup().find(requests);
        Map<Item, LookupRequest> followUps = new LinkedHashMap<>();
        for (Item item : items) {
            List<Candidate> list = found.getOrDefault(item.request, List.of());
            out.put(item, list);
            item.request.followUp(list).ifPresent(f -> followUps.put(item, f));
        }
        if (!followUps.isEmpty()) {
            Map<LookupRequest, List<Candidate>> more = gateway.candidateLookup().find(followUps.values());
            followUps.forEach((item, f) -> {
                Map<String, Candidate> merged = new LinkedHashMap<>();
                out.get(item).forEach(c -> merged.put(c.id(), c));
                more.getOrDefault(f, List.of()).forEach(c -> merged.putIfAbsent(c.id(), c));
                out.put(item, List.copyOf(merged.values()));
            });
        }
        return out;
    }

    /**
     * Finds the Event or Case an earlier, unrecorded attempt may already have created for a booking (a crash after
     * the write, or an answer lost on the way back), so the plan updates it instead of creating a second one. Asked
     * for events tried before and for guests who already exist (only they can have such a record): one query per
     * object for the whole batch, matched on the {@link BookingStamp} the meeting's Description carries.
     */
    private void recoverEarlierAttempts(OrgSession session, List<Item> items) throws SalesforceUnavailable {
        Map<Item, PlannedAction> creating = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.event.bookingId().isEmpty()) {
                continue;
            }
            Optional<RecordChoice> meeting = item.decision.meetingRecord().filter(RecordChoice::isNew);
            Optional<PlannedAction> action = meeting.flatMap(m -> item.decision.action(m.actionKey()))
                    .filter(a -> a.operation() == Operation.CREATE);
            boolean personExists = item.decision.personRecord().map(p -> !p.isNew()).orElse(false);
            if (action.isPresent() && (item.inbox.attempts() > 1 || personExists)) {
                creating.put(item, action.get());
            }
        }
        if (creating.isEmpty()) {
            return;
        }
        Instant earliest = creating.keySet().stream().map(i -> i.inbox.receivedAt()).min(Instant::compareTo).orElseThrow();
        String since = DateTimeFormatter.ISO_INSTANT.format(earliest.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
        for (SObjectType object : List.of(SObjectType.EVENT, SObjectType.CASE)) {
            Map<Item, PlannedAction> ofObject = new LinkedHashMap<>();
            creating.forEach((i, a) -> {
                if (a.object() == object) {
                    ofObject.put(i, a);
                }
            });
            if (ofObject.isEmpty()) {
                continue;
            }
            List<String> conditions = new ArrayList<>();
            String personField = object == SObjectType.EVENT ? "WhoId" : "ContactId";
            List<String> people = ofObject.keySet().stream().map(i -> i.decision.personRecord())
                    .flatMap(Optional::stream).filter(p -> !p.isNew())
                    .filter(p -> object == SObjectType.EVENT || p.object() == SObjectType.CONTACT)
                    .map(RecordChoice::recordId).filter(id -> id.matches("[A-Za-z0-9]{15,18}")).distinct()
                    .map(id -> "'" + id + "'").toList();
            if (!people.isEmpty()) {
                conditions.add(personField + " IN (" + String.join(", ", people) + ")");
            }
            boolean retried = ofObject.keySet().stream().anyMatch(i -> i.inbox.attempts() > 1);
            if (retried && object == SObjectType.EVENT) {
                List<String> starts = ofObject.entrySet().stream().filter(e -> e.getKey().inbox.attempts() > 1)
                        .map(e -> e.getValue().fields().get("StartDateTime"))
                        .filter(v -> v instanceof FieldValue.Literal l && l.text().matches("[0-9]{4}-[0-9T:.Z+-]{6,35}"))
                        .map(v -> ((FieldValue.Literal) v).text()).distinct().toList();
                if (!starts.isEmpty()) {
                    conditions.add("StartDateTime IN (" + String.join(", ", starts) + ")");
                }
            } else if (retried) {
                conditions.clear();
            }
            String where = "CreatedDate >= " + since + (conditions.isEmpty() ? "" : " AND (" + String.join(" OR ", conditions) + ")");
            if (conditions.isEmpty() && !retried) {
                continue;
            }
            List<SObject> rows = session.client().query("SELECT Id, Description FROM " + object.apiName() + " WHERE "
                    + where + " ORDER BY CreatedDate");
            for (Map.Entry<Item, PlannedAction> e : ofObject.entrySet()) {
                String bookingId = e.getKey().event.bookingId().orElseThrow();
                for (SObject row : rows) {
                    Object description = row.getField("Description");
                    if (description != null && BookingStamp.carries(description.toString(), bookingId)) {
                        e.getKey().recovered.put(e.getValue().key(), row.getId());
                        try (LogContext ignored = LogContext.event(e.getKey().event.id(), bookingId)) {
                            LOG.info("event={} booking={} found {} {} made by an earlier attempt; updating it instead of"
                                    + " creating another", e.getKey().event.id(), bookingId, object.apiName(), row.getId());
                        }
                        break;
                    }
                }
            }
        }
    }

    private static Outcome outcome(Item item, List<ActionOutcome> outcomes, String trace) {
        List<ActionOutcome.Rejected> rejected = outcomes.stream().filter(o -> o instanceof ActionOutcome.Rejected)
                .map(o -> (ActionOutcome.Rejected) o).toList();
        String errors = rejected.stream().map(r -> r.object().apiName() + " " + r.statusCode() + ": " + r.message()
                + (r.fields().isEmpty() ? "" : " " + r.fields())).collect(Collectors.joining("; "));
        if (rejected.stream().anyMatch(r -> !r.retryable())) {
            return Outcome.failed("Salesforce refused " + errors, trace);
        }
        if (!rejected.isEmpty()) {
            return Outcome.retry("Salesforce could not save now: " + errors, trace);
        }
        List<ActionOutcome.NotAttempted> skipped = outcomes.stream().filter(o -> o instanceof ActionOutcome.NotAttempted)
                .map(o -> (ActionOutcome.NotAttempted) o).toList();
        if (!skipped.isEmpty()) {
            return Outcome.failed("not written: " + skipped.stream().map(s -> s.key() + " (" + s.reason() + ")")
                    .collect(Collectors.joining(", ")), trace);
        }
        String personId = idOf(item.decision.personRecord(), outcomes);
        List<String> records = new ArrayList<>();
        Optional.ofNullable(idOf(item.decision.meetingRecord(), outcomes)).ifPresent(records::add);
        return Outcome.applied(personId, records, trace);
    }

    private static String idOf(Optional<RecordChoice> choice, List<ActionOutcome> outcomes) {
        if (choice.isEmpty()) {
            return null;
        }
        for (ActionOutcome o : outcomes) {
            if (o.key().equals(choice.get().actionKey())) {
                return o instanceof ActionOutcome.Created c ? c.id() : o instanceof ActionOutcome.Updated u ? u.id() : null;
            }
        }
        return choice.get().recordId();
    }

    /** The booking ledger after an applied event: the meeting and person now known, and the snapshot applied. */
    private static Optional<BookingLedgerEntry> ledgerEntry(Item item, List<ActionOutcome> outcomes) {
        Optional<String> bookingId = item.event.bookingId();
        if (bookingId.isEmpty()) {
            return Optional.empty();
        }
        Instant applied = item.event.data().lastUpdated();
        Optional<LedgerEntry> after = LedgerEntries.after(bookingId.get(), item.decision, outcomes);
        BookingLedgerEntry previous = item.stored.orElse(null);
        String person = after.map(LedgerEntry::personId).orElse(idOf(item.decision.personRecord(), outcomes));
        if (person == null && previous != null) {
            person = previous.personId();
        }
        String eventId = previous == null ? null : previous.eventRecordId();
        String caseId = previous == null ? null : previous.caseRecordId();
        if (after.isPresent()) {
            if (after.get().meetingObject() == SObjectType.CASE) {
                caseId = after.get().meetingId();
            } else {
                eventId = after.get().meetingId();
            }
        }
        return Optional.of(new BookingLedgerEntry(bookingId.get(), person, eventId, caseId, applied));
    }

    /** The engine's view of a stored ledger entry: absent until a meeting record is known. */
    static Optional<LedgerEntry> engineEntry(BookingLedgerEntry e) {
        SObjectType meeting = e.eventRecordId() != null ? SObjectType.EVENT : e.caseRecordId() != null ? SObjectType.CASE : null;
        if (meeting == null) {
            return Optional.empty();
        }
        String meetingId = meeting == SObjectType.EVENT ? e.eventRecordId() : e.caseRecordId();
        SObjectType person = personType(e.personId());
        return Optional.of(new LedgerEntry(e.bookingId(), meeting, meetingId, person, person == null ? null : e.personId()));
    }

    private static SObjectType personType(String id) {
        if (id == null || id.length() < 3) {
            return null;
        }
        return id.startsWith("00Q") ? SObjectType.LEAD : id.startsWith("003") ? SObjectType.CONTACT : null;
    }

    /** Salesforce cannot take work now: pause (limit, outage, reconnect needed) or retry (the call was refused). */
    private Outcome unavailable(SalesforceUnavailable e, String message) {
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

    private static void settle(Map<Long, Outcome> out, InboxEvent ev, OnceHubEvent event, Outcome o) {
        out.put(ev.id(), o);
        String booking = ev.bookingId() != null ? ev.bookingId() : event == null ? null : event.bookingId().orElse(null);
        String detail;
        if (o instanceof Outcome.Applied a) {
            detail = "person=" + a.personId() + " records=" + a.recordIds();
        } else if (o instanceof Outcome.Ignored i) {
            detail = "reason=\"" + i.reason() + "\"";
        } else if (o instanceof Outcome.Retry r) {
            detail = "error=\"" + r.error() + "\"";
        } else if (o instanceof Outcome.Failed f) {
            detail = "error=\"" + f.error() + "\"";
        } else {
            Outcome.Pause p = (Outcome.Pause) o;
            detail = "until=" + p.until() + " reason=\"" + p.reason() + "\"";
        }
        try (LogContext ignored = LogContext.event(ev.eventId(), booking)) {
            if (o instanceof Outcome.Failed || o instanceof Outcome.Retry) {
                LOG.warn("event={} booking={} type={} attempt={} outcome={} {}", ev.eventId(), booking, ev.type(),
                        ev.attempts(), o.kind().name().toLowerCase(), detail);
            } else {
                LOG.info("event={} booking={} type={} attempt={} outcome={} {}", ev.eventId(), booking, ev.type(),
                        ev.attempts(), o.kind().name().toLowerCase(), detail);
            }
        }
    }
}
