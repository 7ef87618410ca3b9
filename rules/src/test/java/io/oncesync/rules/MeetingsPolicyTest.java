package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.Invalid;
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

    private static FieldSpec description(SObjectType object) {
        return new FieldSpec(object, "Description", false);
    }

    private static FieldDecision mapped(SObjectType object, String field, String text) {
        return FieldDecision.of(object, field, text, Provenance.MAPPING, "note", "Write every offered value to a new record");
    }

    @Test
    @DisplayName("an Event's WhoId is the guest, Lead or Contact, even one the plan creates")
    void event() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, null, "r"),
                new Target(Role.PERSON, SObjectType.LEAD, null, "r"), description(SObjectType.EVENT),
                mapped(SObjectType.EVENT, "Description", "OnceHub booking BKNG-1\nGuest: Jo"));
        assertThat(o.fired()).containsExactly("Link the Event to the guest");
        assertThat(o.derived(FieldDecision.class)).containsExactly(
                FieldDecision.linkToPerson(SObjectType.EVENT, "WhoId", "Link the Event to the guest"));
    }

    @Test
    @DisplayName("a new meeting record whose Description nothing maps gets the booking's stamp on its own")
    void stampAlone() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.CASE, null, "r"),
                description(SObjectType.CASE));
        assertThat(o.fired()).containsExactly("Stamp the booking on the new meeting record's Description");
        assertThat(o.derived(FieldDecision.class)).containsExactly(FieldDecision.of(SObjectType.CASE, "Description",
                "OnceHub booking BKNG-1", Provenance.STAMP, "booking id",
                "Stamp the booking on the new meeting record's Description"));
    }

    @Test
    @DisplayName("a mapped Description without the stamp gets it appended, overriding the mapped value")
    void stampAppended() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, null, "r"),
                description(SObjectType.EVENT), mapped(SObjectType.EVENT, "Description", "Bring the contract"));
        assertThat(o.fired()).containsExactly("Append the booking's stamp to the meeting's Description");
        assertThat(o.derived(FieldDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.provenance()).isEqualTo(Provenance.STAMP);
            assertThat(d.text()).isEqualTo("Bring the contract\n\nOnceHub booking BKNG-1");
            assertThat(d.source()).isEqualTo("note + booking id");
        });
    }

    @Test
    @DisplayName("the stamp of booking BKNG-1 is not mistaken for BKNG-12's, and an updated meeting keeps its stamp")
    void stampOfAnotherBooking() {
        var o = POLICY.run(event(EventType.BOOKING_RESCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                description(SObjectType.EVENT), mapped(SObjectType.EVENT, "Description", "OnceHub booking BKNG-12"));
        assertThat(o.derived(FieldDecision.class)).singleElement().extracting(FieldDecision::text)
                .isEqualTo("OnceHub booking BKNG-12\n\nOnceHub booking BKNG-1");
        var unmapped = POLICY.run(event(EventType.BOOKING_RESCHEDULED),
                new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"), description(SObjectType.EVENT));
        assertThat(unmapped.fired()).as("an existing record's Description is the user's when nothing maps it").isEmpty();
    }

    @Test
    @DisplayName("a new meeting record in an org whose Description oncesync cannot write fails validation")
    void noStampField() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.EVENT, null, "r"));
        assertThat(o.fired()).containsExactly("Refuse a new meeting record that cannot carry the booking's stamp");
        assertThat(o.derived(Invalid.class)).singleElement().extracting(Invalid::field).isEqualTo("Description");
    }

    @Test
    @DisplayName("a Case links a Contact guest by ContactId")
    void caseContact() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.CASE, null, "r"),
                new Target(Role.PERSON, SObjectType.CONTACT, "003A", "r"), meeting("guest_name", "Jo Doe"),
                description(SObjectType.CASE), mapped(SObjectType.CASE, "Description", "OnceHub booking BKNG-1"));
        assertThat(o.fired()).containsExactly("Link the Case to the guest's Contact");
    }

    @Test
    @DisplayName("a Case for a Lead guest carries SuppliedName, SuppliedEmail and SuppliedPhone instead")
    void caseLead() {
        var o = POLICY.run(event(EventType.BOOKING_SCHEDULED), new Target(Role.MEETING, SObjectType.CASE, null, "r"),
                new Target(Role.PERSON, SObjectType.LEAD, null, "r"), meeting("guest_name", "Jo Doe"),
                meeting("guest_email", "jo@example.com"), meeting("guest_phone", "+1 555 0100"),
                description(SObjectType.CASE), mapped(SObjectType.CASE, "Description", "OnceHub booking BKNG-1"));
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
