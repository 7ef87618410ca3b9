package io.oncesync.server.salesforce;

import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.connect.LoginHost;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.port.ActionOutcome;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine deciding and the gateway executing, through the engine's ports")
class EnginePipelineIntegrationTest {
    private OrgFixture fx;
    private SalesforceGateway gateway;
    private InMemoryBookingLedger ledger;
    private BookingPipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
        gateway = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
        gateway.accept(fx.connectAs(fx.org.adminUsername()));
        ledger = new InMemoryBookingLedger();
        pipeline = new BookingPipeline(gateway, ledger, BookingPipeline.SETTINGS);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static byte[] booking(String n, String type, String email, String phone) {
        return BookingPipeline.booking("EVNT-GW-" + n + "-" + type, type, "BKNG-GW-" + n, "Guest " + n, email, phone,
                "2026-12-0" + (1 + n.length() % 8) + "T15:00:00Z");
    }

    @Test
    @DisplayName("a new guest becomes a Lead and an Event linked to it, and the ledger remembers both")
    void newGuest() throws Exception {
        BookingPipeline.Applied applied = pipeline.apply(List.of(booking("1", "booking.scheduled", "new.guest@client.example", "")));

        Decision d = applied.decisions().get(0);
        assertThat(d.executable()).as(d.failures() + " " + d.contradictions()).isTrue();
        List<ActionOutcome> outcomes = applied.batch().outcomes().get(0).orElseThrow();
        assertThat(outcomes).extracting(ActionOutcome::object).containsExactly(SObjectType.LEAD, SObjectType.EVENT);
        assertThat(outcomes).allMatch(o -> o instanceof ActionOutcome.Saved s && s.created());
        LedgerEntry entry = ledger.find("BKNG-GW-1").orElseThrow();
        assertThat(entry.meetingObject()).isEqualTo(SObjectType.EVENT);
        assertThat(entry.personId()).isEqualTo(outcomes.get(0).savedId().orElseThrow());
    }

    @Test
    @DisplayName("a guest whose email differs only in case is the existing Contact")
    void existingContactByEmail() throws Exception {
        BookingPipeline.Applied applied = pipeline.apply(List.of(booking("2", "booking.scheduled", "ADA@Engines.Example", "")));
        Decision d = applied.decisions().get(0);
        assertThat(d.actions()).noneMatch(a -> a.object().isPerson() && a.operation() == Operation.CREATE);
        assertThat(ledger.find("BKNG-GW-2").orElseThrow().personId()).isEqualTo("003000000000101AAA");
    }

    @Test
    @DisplayName("a phone-only guest matching three records is the most recently modified one")
    void threeWayPhoneTie() throws Exception {
        BookingPipeline.Applied applied = pipeline.apply(List.of(booking("3", "booking.scheduled", "", "415 555 1212")));
        Decision d = applied.decisions().get(0);
        assertThat(d.executable()).as(d.failures() + " " + d.contradictions()).isTrue();
        assertThat(ledger.find("BKNG-GW-3").orElseThrow().personId()).isEqualTo("003000000000102AAA");
    }

    @Test
    @DisplayName("a rescheduled booking updates the Event the ledger names instead of creating another")
    void lifecycleReachesSameRecord() throws Exception {
        pipeline.apply(List.of(booking("4", "booking.scheduled", "life.cycle@client.example", "")));
        String eventId = ledger.find("BKNG-GW-4").orElseThrow().meetingId();

        BookingPipeline.Applied again = pipeline.apply(List.of(booking("4", "booking.rescheduled", "life.cycle@client.example", "")));
        PlannedAction meeting = again.decisions().get(0).actions().stream().filter(a -> !a.object().isPerson())
                .findFirst().orElseThrow();
        assertThat(meeting.operation()).isEqualTo(Operation.UPDATE);
        assertThat(meeting.recordId()).isEqualTo(eventId);
        assertThat(again.batch().complete()).isTrue();
    }
}
