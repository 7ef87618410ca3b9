package io.oncesync.rules;

import static io.oncesync.rules.PolicyHarness.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.IncomingValue;
import io.oncesync.engine.facts.Proposal;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.Scope;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.SourceLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OverwritePolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("overwrite");
    private static final Target EXISTING_LEAD = new Target(Role.PERSON, SObjectType.LEAD, "00QA", "r");

    private static Proposal offer(String field, String value, boolean overwrite) {
        return new Proposal(SObjectType.LEAD, field, PropertyValue.text(value), field.toLowerCase(), false, overwrite, "m");
    }

    private static FieldDecision only(PolicyHarness.Outcome o) {
        assertThat(o.derived(FieldDecision.class)).hasSize(1);
        return o.derived(FieldDecision.class).get(0);
    }

    @Test
    @DisplayName("a new record takes every offered value")
    void newRecord() {
        var o = POLICY.run(new Target(Role.PERSON, SObjectType.LEAD, null, "r"), offer("Title", "CTO", false),
                new Proposal(SObjectType.LEAD, "LeadSource", PropertyValue.text("OnceHub"), "OnceHub", true, false, "m"));
        assertThat(o.fired()).containsExactly("Write every offered value to a new record", "Write every offered value to a new record");
        assertThat(o.derived(FieldDecision.class)).extracting(FieldDecision::provenance)
                .containsExactlyInAnyOrder(Provenance.MAPPING, Provenance.CONSTANT);
    }

    @Test
    @DisplayName("Overwrite on replaces a value Salesforce holds")
    void overwriteOn() {
        var o = POLICY.run(EXISTING_LEAD, offer("Title", "CTO", true), candidate(SObjectType.LEAD, "00QA", "2026-01-01T00:00:00Z", "Title", "CEO"));
        assertThat(o.fired()).containsExactly("Replace the Salesforce value because Overwrite is on");
        assertThat(only(o).value().asText()).isEqualTo("CTO");
    }

    @Test
    @DisplayName("Overwrite off keeps a value Salesforce holds and fills a blank one")
    void overwriteOff() {
        var kept = POLICY.run(EXISTING_LEAD, offer("Title", "CTO", false), candidate(SObjectType.LEAD, "00QA", "2026-01-01T00:00:00Z", "Title", "CEO"));
        assertThat(kept.fired()).containsExactly("Keep the Salesforce value because Overwrite is off");
        assertThat(only(kept)).satisfies(d -> {
            assertThat(d.provenance()).isEqualTo(Provenance.KEPT_OVERWRITE_OFF);
            assertThat(d.value().asText()).isEqualTo("CEO");
        });
        var filled = POLICY.run(EXISTING_LEAD, offer("Title", "CTO", false), candidate(SObjectType.LEAD, "00QA", "2026-01-01T00:00:00Z", "Title", " "));
        assertThat(filled.fired()).containsExactly("Fill the blank Salesforce field although Overwrite is off");
        assertThat(only(filled).provenance()).isEqualTo(Provenance.MAPPING);
    }

    @Test
    @DisplayName("a value Salesforce already holds is not written again, whatever Overwrite says")
    void alreadyEqual() {
        for (boolean overwrite : new boolean[] {true, false}) {
            var o = POLICY.run(EXISTING_LEAD, offer("Title", "CTO", overwrite),
                    candidate(SObjectType.LEAD, "00QA", "2026-01-01T00:00:00Z", "Title", " CTO"));
            assertThat(o.fired()).containsExactly("Skip a value Salesforce already holds");
            assertThat(only(o).provenance()).isEqualTo(Provenance.KEPT_ALREADY_EQUAL);
        }
    }

    @Test
    @DisplayName("with the record's current values unknown, Overwrite off writes nothing")
    void unknownCurrent() {
        var o = POLICY.run(EXISTING_LEAD, offer("Title", "CTO", false));
        assertThat(o.fired()).containsExactly("Keep the Salesforce value when its current value is unknown and Overwrite is off");
        assertThat(only(o).provenance()).isEqualTo(Provenance.KEPT_CURRENT_UNKNOWN);
    }

    @Test
    @DisplayName("an empty incoming value never blanks Salesforce data, even with Overwrite on")
    void emptyIncoming() {
        var o = POLICY.run(EXISTING_LEAD,
                new FieldMapping(SObjectType.LEAD, "Phone", "phone", null, PropertyType.PHONE, true, new SourceLine("s", 1)),
                new IncomingValue(Scope.CONTACT, "email", PropertyValue.text("x@y.z")),
                candidate(SObjectType.LEAD, "00QA", "2026-01-01T00:00:00Z", "Phone", "+1 555 0100"));
        assertThat(o.fired()).containsExactly("Keep the Salesforce value when OnceHub sent nothing");
        assertThat(only(o).provenance()).isEqualTo(Provenance.KEPT_EMPTY_INCOMING);
    }

    @Test
    @DisplayName("an existing meeting record always takes the booking's latest values")
    void meeting() {
        var o = POLICY.run(new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                new Proposal(SObjectType.EVENT, "StartDateTime", PropertyValue.text("2026-01-01T10:00:00Z"), "start_time", false, true, "m"));
        assertThat(o.fired()).containsExactly("Write the booking's latest value to the meeting's record");
    }
}
