package io.oncesync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.LookupRequest;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one decision path, with in-memory ports: what it asks them, and the verdict it gives each delivery. */
class BatchDeciderTest {

    private static final Settings SETTINGS = SettingsLoader.parse("settings.yaml", "").orThrow();
    private static final Instant RECEIVED = Instant.parse("2026-06-02T10:00:02Z");
    private static final Instant SNAPSHOT = Instant.parse("2026-06-02T10:00:00.500Z");
    private static final String LEAD = "00Q000000000001AAA";
    private static final String CONTACT = "003000000000001AAA";
    private static final String EVENT = "00U000000000001AAA";
    private static String template;
    private static RuleBook book;

    /** Small policies: the guest's unconverted record or a new Lead; the ledger's meeting or a new Event. */
    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BatchDeciderTest.class.getResourceAsStream("/payloads/booking-scheduled.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String drl = """
                package t;
                import io.oncesync.engine.facts.*;
                import io.oncesync.engine.org.*;
                import io.oncesync.engine.plan.Provenance;
                """ + rule("Choose the found record", "object-choice", "Candidate( converted == false, $o : object, $id : id )",
                "insert(new Target(Role.PERSON, $o, $id, drools.getRule().getName()));")
                + rule("Choose a new Lead", "object-choice", "not Candidate( converted == false )",
                "insert(new Target(Role.PERSON, SObjectType.LEAD, null, drools.getRule().getName()));")
                + rule("Keep the ledger's meeting", "object-choice", "LedgerEntry( $o : meetingObject, $id : meetingId )",
                "insert(new Target(Role.MEETING, $o, $id, drools.getRule().getName()));")
                + rule("Choose a new Event", "object-choice", "not LedgerEntry()",
                "insert(new Target(Role.MEETING, SObjectType.EVENT, null, drools.getRule().getName()));")
                + rule("Map the start", "mapping", "Target( role == Role.MEETING )",
                "insert(FieldDecision.of(SObjectType.EVENT, \"StartDateTime\", \"2026-06-09T13:00:00Z\", Provenance.MAPPING,"
                        + " \"starting_time\", drools.getRule().getName()));")
                + rule("Link", "meetings", "Target( role == Role.MEETING )",
                "insert(FieldDecision.linkToPerson(SObjectType.EVENT, \"WhoId\", drools.getRule().getName()));")
                + rule("Fail for the boom guest", "mapping", "Identifier( value == \"boom@client.example\" )",
                "int x = 1 / 0;");
        book = RuleBook.compile(List.of(new RuleSource("t.drl", drl))).orThrow();
    }

    private static String rule(String name, String stage, String when, String then) {
        return "rule \"" + name + "\"\n ruleflow-group \"" + stage + "\"\nwhen\n" + when + "\nthen\n" + then + "\nend\n";
    }

    /** A booking.scheduled body for {@code booking} and guest {@code email}, its snapshot taken at {@code updated}. */
    private static byte[] booking(String booking, String email, Instant updated) {
        return template.replace("BKNG-T3STBOOK0001", booking).replace("EVNT-T3ST000001", "EVNT-" + booking)
                .replace("Ines.Moreau@Client.example", email)
                .replace("2026-06-02T10:00:00.500Z", updated.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static Delivery first(byte[] body) {
        return Delivery.first(body, RECEIVED);
    }

    private static Candidate lead(String id, String email, boolean converted, String contactId) {
        return new Candidate(SObjectType.LEAD, id, Instant.parse("2026-01-01T00:00:00Z"), converted, contactId,
                Map.of("Email", email));
    }

    /** Finds candidates by email or id, like the gateway; remembers each call. */
    static final class Lookup implements CandidateLookup {
        final List<Candidate> org = new ArrayList<>();
        final List<List<LookupRequest>> calls = new ArrayList<>();
        CallFailure failure;

        @Override
        public Map<LookupRequest, List<Candidate>> find(Collection<LookupRequest> requests) throws CallFailure {
            calls.add(List.copyOf(requests));
            if (failure != null) {
                throw failure;
            }
            Map<LookupRequest, List<Candidate>> out = new HashMap<>();
            for (LookupRequest r : requests) {
                out.put(r, org.stream().filter(c -> r.recordIds().contains(c.id())
                        || r.emails().contains(String.valueOf(c.value("Email")).toLowerCase())).toList());
            }
            return out;
        }
    }

    static final class Ledger implements BookingLedger {
        final Map<String, LedgerEntry> entries = new HashMap<>();
        final List<Collection<String>> asked = new ArrayList<>();

        @Override
        public Map<String, LedgerEntry> findAll(Collection<String> bookingIds) {
            asked.add(List.copyOf(bookingIds));
            Map<String, LedgerEntry> out = new HashMap<>();
            bookingIds.stream().filter(entries::containsKey).forEach(id -> out.put(id, entries.get(id)));
            return out;
        }

        @Override
        public void recordAll(Collection<LedgerEntry> recorded) {
            throw new AssertionError("deciding records nothing");
        }
    }

    static final class Earlier implements EarlierMeetings {
        final Map<String, String> made = new HashMap<>();
        final List<Collection<Search>> calls = new ArrayList<>();

        @Override
        public Map<String, String> find(Collection<Search> searches) {
            calls.add(List.copyOf(searches));
            Map<String, String> out = new HashMap<>();
            searches.stream().filter(s -> made.containsKey(s.bookingId())).forEach(s -> out.put(s.bookingId(), made.get(s.bookingId())));
            return out;
        }
    }

    private final Lookup lookup = new Lookup();
    private final Ledger ledger = new Ledger();
    private final Earlier earlier = new Earlier();
    private int describes;
    private final OrgMetadataSource metadata = objects -> {
        describes++;
        return OrgMetadata.of();
    };
    private final BatchDecider decider = new BatchDecider(lookup, metadata, ledger, earlier);

    private List<Verdict> decide(Delivery... deliveries) {
        return decider.decide(List.of(deliveries), book, SETTINGS);
    }

    private static Decision decision(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Decided.class);
        return ((Verdict.Decided) v).decision();
    }

    @Test
    @DisplayName("a batch is looked up in one call; each guest gets their own record, a new guest a new Lead")
    void oneLookupForTheBatch() {
        lookup.org.add(lead(LEAD, "known@client.example", false, null));
        List<Verdict> verdicts = decide(first(booking("BKNG-1", "known@client.example", SNAPSHOT)),
                first(booking("BKNG-2", "new@client.example", SNAPSHOT)));

        assertThat(lookup.calls).hasSize(1);
        assertThat(lookup.calls.get(0)).extracting(LookupRequest::emails)
                .containsExactly(List.of("known@client.example"), List.of("new@client.example"));
        assertThat(describes).isEqualTo(1);
        assertThat(ledger.asked).containsExactly(List.of("BKNG-1", "BKNG-2"));
        assertThat(verdicts).extracting(Verdict::kind).containsExactly(Verdict.Kind.WRITE, Verdict.Kind.WRITE);
        assertThat(decision(verdicts.get(0)).person()).isEqualTo(new RecordChoice(SObjectType.LEAD, LEAD, "person"));
        assertThat(decision(verdicts.get(1)).person()).isEqualTo(new RecordChoice(SObjectType.LEAD, null, "person"));
        assertThat(earlier.calls).as("a first try is never checked for an earlier meeting").isEmpty();
    }

    @Test
    @DisplayName("a converted Lead's Contact is fetched in one follow-up and decided with the rest")
    void followUpForConvertedLeads() {
        lookup.org.add(lead(LEAD, "moved@client.example", true, CONTACT));
        lookup.org.add(new Candidate(SObjectType.CONTACT, CONTACT, Instant.parse("2026-02-01T00:00:00Z"), false, null,
                Map.of("Email", "other@client.example")));
        List<Verdict> verdicts = decide(first(booking("BKNG-1", "moved@client.example", SNAPSHOT)));

        assertThat(lookup.calls).hasSize(2);
        assertThat(lookup.calls.get(1)).singleElement().satisfies(r -> assertThat(r.recordIds()).containsExactly(CONTACT));
        Verdict.Decided d = (Verdict.Decided) verdicts.get(0);
        assertThat(d.candidates()).extracting(Candidate::id).containsExactly(LEAD, CONTACT);
        assertThat(d.decision().person()).isEqualTo(new RecordChoice(SObjectType.CONTACT, CONTACT, "person"));
    }

    @Test
    @DisplayName("a snapshot not newer than the applied one is stale; the same snapshot retried was applied earlier")
    void freshness() {
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, SObjectType.LEAD, LEAD, SNAPSHOT));
        byte[] same = booking("BKNG-1", "g@client.example", SNAPSHOT);
        List<Verdict> verdicts = decide(first(same), new Delivery(same, 2, true, RECEIVED),
                first(booking("BKNG-1", "g@client.example", SNAPSHOT.minusSeconds(60))));

        assertThat(verdicts).extracting(Verdict::kind)
                .containsExactly(Verdict.Kind.STALE, Verdict.Kind.APPLIED_EARLIER, Verdict.Kind.STALE);
        assertThat(((Verdict.AppliedEarlier) verdicts.get(1)).entry().meetingId()).isEqualTo(EVENT);
        assertThat(((Verdict.Stale) verdicts.get(2)).applied()).isEqualTo(SNAPSHOT);
        assertThat(lookup.calls).as("nothing left to decide: Salesforce is not asked").isEmpty();
        assertThat(describes).isZero();
    }

    @Test
    @DisplayName("a dry run's decider decides a snapshot already applied, with the ledger's meeting")
    void dryRunDecidesStaleSnapshots() {
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, null, null, SNAPSHOT));
        List<Verdict> verdicts = decider.decidingStaleSnapshots().decide(
                List.of(first(booking("BKNG-1", "g@client.example", SNAPSHOT))), book, SETTINGS);

        assertThat(verdicts).extracting(Verdict::kind).containsExactly(Verdict.Kind.WRITE);
        assertThat(decision(verdicts.get(0)).meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, EVENT, "meeting"));
    }

    @Test
    @DisplayName("a newer snapshot of a known booking keeps the ledger's meeting and looks the ledger's person up by id")
    void newerSnapshotUsesTheLedger() {
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, SObjectType.LEAD, LEAD, SNAPSHOT));
        lookup.org.add(lead(LEAD, "old@client.example", false, null));
        List<Verdict> verdicts = decide(first(booking("BKNG-1", "new@client.example", SNAPSHOT.plusSeconds(60))));

        assertThat(lookup.calls.get(0)).singleElement().satisfies(r -> assertThat(r.recordIds()).containsExactly(LEAD));
        Decision d = decision(verdicts.get(0));
        assertThat(d.person()).isEqualTo(new RecordChoice(SObjectType.LEAD, LEAD, "person"));
        assertThat(d.meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, EVENT, "meeting"));
        assertThat(((Verdict.Decided) verdicts.get(0)).ledger()).hasValueSatisfying(e -> assertThat(e.meetingId()).isEqualTo(EVENT));
    }

    @Test
    @DisplayName("a ledger entry without a meeting record is not shown to the rules nor used for the lookup")
    void meetingLessEntry() {
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", null, null, SObjectType.LEAD, LEAD, SNAPSHOT));
        List<Verdict> verdicts = decide(first(booking("BKNG-1", "g@client.example", SNAPSHOT.plusSeconds(1))));

        assertThat(lookup.calls.get(0)).singleElement().satisfies(r -> assertThat(r.recordIds()).isEmpty());
        assertThat(decision(verdicts.get(0)).meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, null, "meeting"));
    }

    @Test
    @DisplayName("a rebooking under a new id finds the replaced booking's meeting")
    void replacedBooking() {
        ledger.entries.put("BKNG-OLD", new LedgerEntry("BKNG-OLD", SObjectType.EVENT, EVENT, null, null, SNAPSHOT));
        String body = new String(booking("BKNG-NEW", "g@client.example", SNAPSHOT), StandardCharsets.UTF_8)
                .replace("\"rescheduled_booking_id\": \"\"", "\"rescheduled_booking_id\": \"BKNG-OLD\"")
                .replace("booking.scheduled", "booking.canceled_then_rescheduled");
        List<Verdict> verdicts = decide(first(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(ledger.asked).containsExactly(List.of("BKNG-NEW", "BKNG-OLD"));
        assertThat(decision(verdicts.get(0)).meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, EVENT, "meeting"));
    }

    @Test
    @DisplayName("a retried delivery updates the Event its earlier try created, found by booking; a first try is not checked")
    void earlierTry() {
        lookup.org.add(lead(LEAD, "known@client.example", false, null));
        earlier.made.put("BKNG-1", EVENT);
        earlier.made.put("BKNG-2", "00U000000000002AAA");
        List<Verdict> verdicts = decide(new Delivery(booking("BKNG-1", "known@client.example", SNAPSHOT), 1, true, RECEIVED),
                first(booking("BKNG-2", "known@client.example", SNAPSHOT)));

        assertThat(earlier.calls).singleElement().satisfies(searches -> assertThat(searches).singleElement()
                .isEqualTo(new EarlierMeetings.Search("BKNG-1", SObjectType.EVENT, LEAD, "2026-06-09T13:00:00Z",
                        RECEIVED.minus(BatchDecider.CLOCK_MARGIN))));
        Verdict.Decided retried = (Verdict.Decided) verdicts.get(0);
        assertThat(retried.recovered()).containsExactly(Map.entry("meeting", EVENT));
        assertThat(retried.decision().meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, EVENT, "meeting"));
        PlannedAction meeting = retried.decision().action("meeting").orElseThrow();
        assertThat(meeting.operation()).isEqualTo(Operation.UPDATE);
        assertThat(meeting.recordId()).isEqualTo(EVENT);
        assertThat(decision(verdicts.get(1)).action("meeting").orElseThrow().operation()).isEqualTo(Operation.CREATE);
    }

    @Test
    @DisplayName("a later event of a booking the ledger has no meeting for is checked for one an earlier event made")
    void laterEventOfAnUnrecordedBooking() {
        earlier.made.put("BKNG-1", EVENT);
        byte[] rescheduled = new String(booking("BKNG-1", "g@client.example", SNAPSHOT), StandardCharsets.UTF_8)
                .replace("booking.scheduled", "booking.rescheduled").getBytes(StandardCharsets.UTF_8);
        List<Verdict> verdicts = decide(first(rescheduled));

        assertThat(earlier.calls).singleElement().satisfies(s -> assertThat(s).extracting(EarlierMeetings.Search::bookingId)
                .containsExactly("BKNG-1"));
        assertThat(decision(verdicts.get(0)).action("meeting").orElseThrow().recordId()).isEqualTo(EVENT);
    }

    @Test
    @DisplayName("a body that does not parse, and a rule that throws, fail only their own delivery")
    void perDeliveryFailures() {
        List<Verdict> verdicts = decide(first("{not json".getBytes(StandardCharsets.UTF_8)),
                first(booking("BKNG-1", "boom@client.example", SNAPSHOT)), first(booking("BKNG-2", "g@client.example", SNAPSHOT)));

        assertThat(verdicts).extracting(Verdict::kind)
                .containsExactly(Verdict.Kind.MALFORMED, Verdict.Kind.RULE_FAILED, Verdict.Kind.WRITE);
        assertThat(((Verdict.RuleFailed) verdicts.get(1)).failure().rule()).isEqualTo("Fail for the boom guest");
        assertThat(verdicts.get(1).event()).hasValueSatisfying(e -> assertThat(e.bookingId()).contains("BKNG-1"));
    }

    @Test
    @DisplayName("a failed lookup leaves the batch's events unreached; verdicts reached before it stand")
    void callFailure() {
        lookup.failure = new CallFailure("Salesforce is unreachable", true, null);
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, null, null, SNAPSHOT));
        List<Verdict> verdicts = decide(first(booking("BKNG-1", "g@client.example", SNAPSHOT)),
                first(booking("BKNG-2", "g@client.example", SNAPSHOT)));

        assertThat(verdicts).extracting(Verdict::kind).containsExactly(Verdict.Kind.STALE, Verdict.Kind.UNREACHED);
        assertThat(((Verdict.Unreached) verdicts.get(1)).failure()).isSameAs(lookup.failure);
        assertThat(describes).isZero();
    }

    @Test
    @DisplayName("the ledger entry recorded after a write keeps what the plan did not touch and the snapshot applied")
    void recordedEntry() {
        ledger.entries.put("BKNG-1", new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, SObjectType.LEAD, LEAD, SNAPSHOT));
        lookup.org.add(lead(LEAD, "g@client.example", false, null));
        Verdict.Decided d = (Verdict.Decided) decide(first(booking("BKNG-1", "g@client.example", SNAPSHOT.plusSeconds(5)))).get(0);
        Set<Verdict.Kind> kinds = Set.of(d.kind());
        assertThat(kinds).containsExactly(Verdict.Kind.WRITE);

        LedgerEntry after = io.oncesync.engine.port.LedgerEntries.recorded("BKNG-1", d.ledger(), d.decision(),
                List.of(io.oncesync.engine.port.ActionOutcome.updated("meeting", SObjectType.EVENT, EVENT)),
                SNAPSHOT.plusSeconds(5));
        assertThat(after).isEqualTo(new LedgerEntry("BKNG-1", SObjectType.EVENT, EVENT, SObjectType.LEAD, LEAD,
                SNAPSHOT.plusSeconds(5)));
    }
}
