package io.oncesync.server.salesforce.write;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.OrgFixture;
import io.oncesync.server.salesforce.OrgSession;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.lookup.PersonQuery;
import io.oncesync.server.salesforce.lookup.QueryText;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.localorg.store.DuplicateRuleAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Writing plans to the org in batches")
class RecordWriterIntegrationTest {
    private OrgFixture fx;
    private OrgSession session;

    @BeforeEach
    void start() throws Exception {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
        session = fx.adminSession();
        session.schema().current();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static RecordWrite lead(String key, String email) {
        return RecordWrite.create(key, SObjectType.LEAD, Map.of("LastName", "Guest " + key, "Company", "Acme", "Email", email));
    }

    static RecordWrite event(String key, String personKey) {
        return RecordWrite.create(key, SObjectType.EVENT, Map.of("Subject", "Intro call", "StartDateTime", "2026-12-01T10:00:00.000Z",
                "DurationInMinutes", "30")).withIdFrom("WhoId", personKey);
    }

    private static String id(WriteReport report, String key) {
        return report.outcome(key).savedId().orElseThrow(() -> new AssertionError(key + ": " + report.outcome(key)));
    }

    private String field(String object, String id, String field) throws Exception {
        List<SObject> rows = session.client().query("SELECT Id, " + field + " FROM " + object + " WHERE Id = " + QueryText.soqlId(id));
        return rows.isEmpty() ? null : SObjects.text(rows.get(0), field);
    }

    @Test
    @DisplayName("writes the person first and feeds its new id into the Event's WhoId, one call per stage")
    void personFirst() throws Exception {
        long before = fx.org.apiCallsUsed();
        WriteReport report = session.writer().write(List.of(event("meeting", "person"), lead("person", "new@guest.example")));

        assertThat(report.complete()).isTrue();
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(2);
        ActionOutcome person = report.outcome("person");
        assertThat(person).isInstanceOfSatisfying(ActionOutcome.Saved.class, s -> assertThat(s.created()).isTrue());
        assertThat(person.object()).isEqualTo(SObjectType.LEAD);
        assertThat(field("Event", id(report, "meeting"), "WhoId")).isEqualTo(id(report, "person"));
    }

    @Test
    @DisplayName("asked to stop between rounds, it sends no further round: the person is written, its meeting is not")
    void stopsBetweenRounds() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        // the first round (the person) goes; before the second (the meeting) the batch is given up
        WriteReport report = session.writer().write(List.of(event("meeting", "person"), lead("person", "stop@guest.example")),
                () -> asked.incrementAndGet() > 1);

        assertThat(report.outcome("person").kind()).isEqualTo(ActionOutcome.Kind.SAVED);
        assertThat(report.outcome("meeting")).isInstanceOfSatisfying(ActionOutcome.NotAttempted.class,
                n -> assertThat(n.reason()).contains("abandoned"));
        assertThat(session.client().query("SELECT Id FROM Event WHERE WhoId = "
                + QueryText.soqlId(id(report, "person")))).isEmpty();
    }

    @Test
    @DisplayName("sends 250 bookings' people and meetings in calls of at most 200 records")
    void batchesOf200() throws Exception {
        List<RecordWrite> writes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            writes.add(lead("p" + i, "guest" + i + "@batch.example"));
            writes.add(event("m" + i, "p" + i));
        }
        long before = fx.org.apiCallsUsed();
        WriteReport report = session.writer().write(writes);
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(4);
        assertThat(report.outcomes().values()).hasSize(500).allMatch(o -> o.kind() == ActionOutcome.Kind.SAVED);
    }

    @Test
    @DisplayName("uses the matched record when a blocking duplicate rule refuses the new Lead")
    void duplicateRuleBlock() throws Exception {
        fx.org.duplicateRule("Lead", DuplicateRuleAction.BLOCK);
        WriteReport report = session.writer().write(List.of(lead("person", "alan.turing@bletchley.example"),
                event("meeting", "person")));

        assertThat(report.outcome("person")).isInstanceOfSatisfying(ActionOutcome.Saved.class, s -> {
            assertThat(s.how()).isEqualTo(ActionOutcome.How.MATCHED_EXISTING);
            assertThat(s.via()).isNotBlank();
        });
        assertThat(id(report, "person")).isEqualTo("00Q000000000101EAA");
        assertThat(field("Event", id(report, "meeting"), "WhoId")).isEqualTo("00Q000000000101EAA");
    }

    @Test
    @DisplayName("saves past an alerting duplicate rule")
    void duplicateRuleAlert() throws Exception {
        fx.org.duplicateRule("Lead", DuplicateRuleAction.ALERT);
        WriteReport report = session.writer().write(List.of(lead("person", "alan.turing@bletchley.example")));
        assertThat(report.outcome("person")).isInstanceOfSatisfying(ActionOutcome.Saved.class,
                s -> assertThat(s.how()).isEqualTo(ActionOutcome.How.CREATED));
        assertThat(id(report, "person")).isNotEqualTo("00Q000000000101EAA");
    }

    @Test
    @DisplayName("follows a converted Lead to its Contact, for an update and for a meeting's WhoId")
    void convertedLead() throws Exception {
        WriteReport report = session.writer().write(List.of(
                RecordWrite.update("person", SObjectType.LEAD, "00Q000000000102EAA", Map.of("Title", "Countess", "Company", "Ignored Ltd")),
                RecordWrite.create("meeting", SObjectType.EVENT, Map.of("Subject", "Follow-up", "StartDateTime",
                        "2026-12-02T10:00:00.000Z", "DurationInMinutes", "15", "WhoId", "00Q000000000102EAA"))));

        assertThat(report.outcome("person")).isEqualTo(new ActionOutcome.Saved("person", SObjectType.CONTACT,
                "003000000000101AAA", ActionOutcome.How.FOLLOWED_CONVERSION, "00Q000000000102EAA"));
        assertThat(field("Contact", "003000000000101AAA", "Title")).isEqualTo("Countess");
        assertThat(report.outcome("meeting")).isInstanceOfSatisfying(ActionOutcome.Saved.class,
                s -> assertThat(s.how()).isEqualTo(ActionOutcome.How.CREATED));
        assertThat(field("Event", id(report, "meeting"), "WhoId")).isEqualTo("003000000000101AAA");
    }

    @Test
    @DisplayName("retries records that hit UNABLE_TO_LOCK_ROW, and gives up as retryable after three attempts")
    void lockRetried() throws Exception {
        fx.org.faults().lockRowsNext(1);
        long before = fx.org.apiCallsUsed();
        WriteReport ok = session.writer().write(List.of(lead("a", "a@lock.example"), lead("b", "b@lock.example")));
        assertThat(ok.outcomes().values()).allMatch(o -> o.kind() == ActionOutcome.Kind.SAVED);
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(2);

        fx.org.faults().lockRowsNext(100);
        WriteReport stuck = session.writer().write(List.of(lead("c", "c@lock.example"), event("m", "c")));
        assertThat(stuck.outcome("c")).isInstanceOfSatisfying(ActionOutcome.Rejected.class, r -> {
            assertThat(r.statusCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
            assertThat(r.retryable()).isTrue();
            assertThat(r.message()).endsWith("(after 3 attempts)");
        });
        assertThat(stuck.outcome("m")).isEqualTo(new ActionOutcome.NotAttempted("m", SObjectType.EVENT,
                "referenced write 'c' was not saved"));
    }

    @Test
    @DisplayName("a write interrupted while waiting to retry a locked row is reported as unreachable, resuming at the injected clock's now")
    void interruptedUsesTheInjectedClock() throws Exception {
        java.time.Instant fixed = java.time.Instant.parse("2031-02-03T04:05:06Z");
        RecordWriter writer = new RecordWriter(session.client(), session.schema(),
                java.time.Clock.fixed(fixed, java.time.ZoneOffset.UTC),
                new Backoff(java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1)), OrgSession.MAX_ATTEMPTS);
        fx.org.faults().lockRowsNext(1);
        java.util.concurrent.CompletableFuture<WriteReport> result = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean keptInterrupt = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writing = new Thread(() -> {
            try {
                result.complete(writer.write(List.of(lead("i", "i@interrupt.example"))));
                keptInterrupt.set(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        writing.start();
        // "shutting down": interrupt the writer while it waits (a minute) before retrying the locked row
        while (java.util.Arrays.stream(writing.getStackTrace()).noneMatch(f -> f.getMethodName().equals("sleep")
                && f.getClassName().equals(Backoff.class.getName()))) {
            assertThat(writing.isAlive()).as("the writer reached the wait before its retry round").isTrue();
            Thread.onSpinWait();
        }
        writing.interrupt();
        WriteReport report = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
        writing.join();
        assertThat(report.complete()).isFalse();
        SalesforceUnavailable cut = report.interruption().orElseThrow();
        assertThat(cut.kind()).isEqualTo(SalesforceUnavailable.Kind.UNREACHABLE);
        assertThat(cut.resumeAt()).contains(fixed);
        assertThat(keptInterrupt).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    @DisplayName("reports a reached API limit as a pause with a resume time, keeping what was written before it")
    void limitIsAPause() throws Exception {
        fx.org.faults().exhaustApiLimit();
        WriteReport report = session.writer().write(List.of(lead("p", "p@limit.example"), event("m", "p")));
        assertThat(report.complete()).isFalse();
        assertThat(report.outcomes()).isEmpty();
        SalesforceUnavailable pause = report.interruption().orElseThrow();
        assertThat(pause.kind()).isEqualTo(SalesforceUnavailable.Kind.LIMIT_REACHED);
        assertThat(pause.resumeAt()).get().matches(t -> t.isAfter(java.time.Instant.now().plusSeconds(60)));
        assertThat(session.client().state()).isEqualTo(SalesforceClient.State.ACTIVE);

        fx.org.faults().clear();
        assertThat(session.writer().write(List.of(lead("p", "p@limit.example"))).complete()).isTrue();
    }

    @Test
    @DisplayName("pauses briefly on an HTML 503 page or a dropped connection")
    void outages() throws Exception {
        fx.org.faults().html503Next(1);
        WriteReport report = session.writer().write(List.of(lead("p", "p@outage.example")));
        assertThat(report.interruption()).get().extracting(SalesforceUnavailable::kind)
                .isEqualTo(SalesforceUnavailable.Kind.UNREACHABLE);

        fx.org.faults().dropConnectionsNext(1);
        try {
            session.lookup().find(new PersonQuery(java.util.Set.of("x@y.example"), java.util.Set.of(), java.util.Set.of(),
                    Map.of("Lead", java.util.Set.of())));
            throw new AssertionError("expected a pause");
        } catch (SalesforceUnavailable e) {
            assertThat(e.kind()).isEqualTo(SalesforceUnavailable.Kind.UNREACHABLE);
            assertThat(e.resumeAt()).isPresent();
        }
    }

    @Test
    @DisplayName("never re-sends a create behind our back when the connection drops, so no duplicate is made")
    void droppedCreateIsNotResent() throws Exception {
        fx.org.faults().dropConnectionsNext(1);
        WriteReport report = session.writer().write(List.of(lead("p", "dropped@once.example")));
        assertThat(report.interruption()).get().extracting(SalesforceUnavailable::kind)
                .isEqualTo(SalesforceUnavailable.Kind.UNREACHABLE);
        assertThat(session.client().query("SELECT Id FROM Lead WHERE Email = 'dropped@once.example'")).isEmpty();
    }

    @Test
    @DisplayName("rejects unknown fields per record before sending, instead of failing the whole call")
    void unknownFieldsRejectedLocally() throws Exception {
        WriteReport report = session.writer().write(List.of(
                RecordWrite.create("bad", SObjectType.LEAD, Map.of("LastName", "X", "Company", "Y", "Nope__c", "z")),
                lead("good", "good@fields.example")));
        assertThat(report.outcome("bad")).isEqualTo(new ActionOutcome.Rejected("bad", SObjectType.LEAD, "INVALID_FIELD",
                "No such field Nope__c on Lead", List.of("Nope__c"), false));
        assertThat(report.outcome("good").kind()).isEqualTo(ActionOutcome.Kind.SAVED);
    }

    @Test
    @DisplayName("writes hostile names as plain data")
    void hostileNames() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("LastName", "O'Brien\\'); DELETE FROM Lead; --");
        values.put("FirstName", "{!$User.Id} <script>");
        values.put("Company", "%_* AND NOT {x}");
        WriteReport report = session.writer().write(List.of(RecordWrite.create("p", SObjectType.LEAD, values)));
        String id = id(report, "p");
        assertThat(field("Lead", id, "LastName")).isEqualTo("O'Brien\\'); DELETE FROM Lead; --");
        assertThat(field("Lead", id, "FirstName")).isEqualTo("{!$User.Id} <script>");
        assertThat(field("Lead", id, "Company")).isEqualTo("%_* AND NOT {x}");
    }
}
