package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.IncomingValue;
import io.oncesync.engine.facts.Invalid;
import io.oncesync.engine.facts.Proposal;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.Scope;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.SourceLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MappingPolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("mapping");
    private static final SourceLine AT = new SourceLine("settings.yaml", 1);

    private static FieldMapping map(SObjectType o, String field, String property, boolean overwrite) {
        return new FieldMapping(o, field, property, null, PropertyType.TEXT, overwrite, AT);
    }

    @Test
    @DisplayName("a guest property offers its value to the guest's record only, carrying the Overwrite toggle")
    void guest() {
        var o = POLICY.run(new Target(Role.PERSON, SObjectType.LEAD, null, "r"),
                map(SObjectType.LEAD, "Title", "job_title", true), map(SObjectType.CONTACT, "Title", "job_title", false),
                new FieldSpec(SObjectType.LEAD, "Title", false), new FieldSpec(SObjectType.CONTACT, "Title", false),
                new IncomingValue(Scope.CONTACT, "job_title", PropertyValue.text("CTO")),
                new IncomingValue(Scope.MEETING, "job_title", PropertyValue.text("not a contact value")));
        assertThat(o.fired()).containsExactly("Map a guest property to the guest's record");
        assertThat(o.derived(Proposal.class)).containsExactly(new Proposal(SObjectType.LEAD, "Title",
                PropertyValue.text("CTO"), "job_title", false, true, "Map a guest property to the guest's record"));
    }

    @Test
    @DisplayName("a chatbot answer mapped by its label reaches the field")
    void answer() {
        var o = POLICY.run(new Target(Role.PERSON, SObjectType.CONTACT, "003A", "r"),
                map(SObjectType.CONTACT, "Description", "answer:When are you looking to buy?", false),
                new FieldSpec(SObjectType.CONTACT, "Description", false),
                new IncomingValue(Scope.CONTACT, "answer:When are you looking to buy?", PropertyValue.text("This quarter")));
        assertThat(o.derived(Proposal.class)).extracting(Proposal::value).containsExactly(PropertyValue.text("This quarter"));
    }

    @Test
    @DisplayName("a meeting property goes to the meeting's record, always overwriting; a blank value offers nothing")
    void meeting() {
        var o = POLICY.run(new Target(Role.MEETING, SObjectType.EVENT, "00UA", "r"),
                map(SObjectType.EVENT, "Subject", "subject", true), map(SObjectType.EVENT, "Location", "location", true),
                new FieldSpec(SObjectType.EVENT, "Subject", false), new FieldSpec(SObjectType.EVENT, "Location", false),
                new IncomingValue(Scope.MEETING, "subject", PropertyValue.text("Demo")));
        assertThat(o.fired()).containsExactly("Map a meeting property to the meeting's record");
        assertThat(o.derived(Proposal.class)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("Subject");
            assertThat(p.overwrite()).isTrue();
        });
    }

    @Test
    @DisplayName("a constant row offers its text; a mapping to a field the org lacks is invalid")
    void constantAndMissingField() {
        var o = POLICY.run(new Target(Role.PERSON, SObjectType.LEAD, null, "r"),
                new FieldMapping(SObjectType.LEAD, "LeadSource", null, "OnceHub", PropertyType.TEXT, false, AT),
                map(SObjectType.LEAD, "Favourite_Colour__c", "custom:colour", true),
                new FieldSpec(SObjectType.LEAD, "LeadSource", false));
        assertThat(o.fired()).containsExactlyInAnyOrder("Map the admin's constant to a field",
                "Map nothing to a field the org does not have");
        assertThat(o.derived(Proposal.class)).singleElement().satisfies(p -> {
            assertThat(p.constant()).isTrue();
            assertThat(p.value().asText()).isEqualTo("OnceHub");
        });
        assertThat(o.derived(Invalid.class)).singleElement().extracting(Invalid::field).isEqualTo("Favourite_Colour__c");
    }

    @Test
    @DisplayName("a mapping the field type rejects offers nothing and makes the plan invalid")
    void rejected() {
        var o = POLICY.run(new Target(Role.PERSON, SObjectType.LEAD, null, "r"),
                map(SObjectType.LEAD, "Email", "phone", false), new FieldSpec(SObjectType.LEAD, "Email", false),
                new IncomingValue(Scope.CONTACT, "phone", PropertyValue.text("+1 555 0100")),
                new io.oncesync.engine.facts.RejectedMapping(SObjectType.LEAD, "Email", "is an email field"));
        assertThat(o.fired()).containsExactly("Map nothing through a mapping whose types do not fit");
        assertThat(o.derived(Proposal.class)).isEmpty();
        assertThat(o.derived(Invalid.class)).singleElement().extracting(Invalid::reason).isEqualTo("is an email field");
    }
}
