package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.IncomingValue;
import io.oncesync.engine.facts.Occurrence;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.Scope;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.oncehub.EventType;
import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.oncehub.Source;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeetingsPolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("meetings");
    private static final Source CAL = new Source(Source.Kind.BOOKING_CALENDAR, "BKC-1", null);

    private static Occurrence event(EventType type) {
        return new Occurrence(type, "BKNG-1", CAL);
    }

    private static IncomingValue meeting(String property, String value) {
        return new IncomingValue(Scope.MEETING, property, PropertyValue.text(value));
    }

    @Test
    @DisplayName("an Event's WhoId is the guest, Lead or Contact, even one the plan creates")
    void event() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, null, "r"),
                new Target(Role.PERSON, SObjectType.LEAD, null, "r"));
        assertThat(o.fired()).containsExactly("Link the Event to the guest");
        assertThat(o.derived(FieldDecision.class)).containsExactly(
                FieldDecision.linkToPerson(SObjectType.EVENT, "WhoId", "Link the Event to the guest"));
    }

    @Test
    @DisplayName("a Case links a Contact guest by ContactId")
    void caseContact() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.CASE, null, "r"),
                new Target(Role.PERSON, SObjectType.CONTACT, "003A", "r"), meeting("guest_name", "Jo Doe"));
        assertThat(o.fired()).containsExactly("Link the Case to the guest's Contact");
    }

    @Test
    @DisplayName("a Case for a Lead guest carries SuppliedName, SuppliedEmail and SuppliedPhone instead")
    void caseLead() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.CASE, null, "r"),
                new Target(Role.PERSON, SObjectType.LEAD, null, "r"), meeting("guest_name", "Jo Doe"),
                meeting("guest_email", "jo@example.com"), meeting("guest_phone", "+1 555 0100"));
        assertThat(o.fired()).containsExactlyInAnyOrder("Supply the Lead guest's name on the Case",
                "Supply the Lead guest's email on the Case", "Supply the Lead guest's phone on the Case");
        assertThat(o.derived(FieldDecision.class)).extracting(FieldDecision::field)
                .containsExactlyInAnyOrder("SuppliedName", "SuppliedEmail", "SuppliedPhone");
        assertThat(o.derived(FieldDecision.class)).allSatisfy(d -> assertThat(d.personLink()).isFalse());
    }

    @Test
    @DisplayName("a canceled booking marks its Event canceled and closes its Case")
    void canceled() {
        var ev = POLICY.run(event(EventType.BOOKING_CANCELED), new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                meeting("subject", "Demo"));
        assertThat(ev.fired()).containsExactly("Mark the Event of a canceled booking as canceled");
        assertThat(ev.derived(FieldDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.provenance()).isEqualTo(Provenance.LIFECYCLE);
            assertThat(d.value().asText()).isEqualTo("Canceled: Demo");
        });
        var cs = POLICY.run(event(EventType.BOOKING_CANCELED_RESCHEDULE_REQUESTED), new Target(Role.MEETING, SObjectType.CASE, "500A", "r"));
        assertThat(cs.fired()).containsExactly("Close the Case of a canceled booking");
    }

    @Test
    @DisplayName("a no-show marks its Event; a reschedule changes nothing beyond the mapped values")
    void noShowAndReschedule() {
        var noShow = POLICY.run(event(EventType.BOOKING_NO_SHOW), new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                meeting("subject", "Demo"));
        assertThat(noShow.derived(FieldDecision.class)).singleElement().extracting(d -> d.value().asText()).isEqualTo("No-show: Demo");
        var moved = POLICY.run(event(EventType.BOOKING_RESCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                meeting("subject", "Demo"));
        assertThat(moved.fired()).isEmpty();
    }
}
