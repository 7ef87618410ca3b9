package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.SetAside;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepairPolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("repair");

    private static FieldDecision mapped(String field, String value) {
        return FieldDecision.of(SObjectType.LEAD, field, value, Provenance.MAPPING, "question", "r");
    }

    @Test
    @DisplayName("a text answer mapped to an optional Date field is set aside with the reason")
    void textInADateField() {
        var o = POLICY.run(mapped("Founded__c", "11-50"),
                new FieldSpec(SObjectType.LEAD, "Founded__c", false, FieldMeta.of("Founded__c", FieldType.DATE, 0)));
        assertThat(o.fired()).containsExactly("Set aside a value that does not fit its optional field");
        assertThat(o.derived(SetAside.class)).singleElement().satisfies(s -> {
            assertThat(s.field()).isEqualTo("Founded__c");
            assertThat(s.value()).isEqualTo("11-50");
            assertThat(s.reason()).isEqualTo("\"11-50\" is not a yyyy-MM-dd date");
        });
    }

    @Test
    @DisplayName("an email that is not an address, a value too long, or not in a restricted picklist is set aside")
    void otherMisfits() {
        var o = POLICY.run(mapped("Email", "n/a"), mapped("Title", "x".repeat(20)), mapped("Rating", "Lukewarm"),
                new FieldSpec(SObjectType.LEAD, "Email", false, FieldMeta.of("Email", FieldType.EMAIL, 80)),
                new FieldSpec(SObjectType.LEAD, "Title", false, FieldMeta.of("Title", FieldType.STRING, 10)),
                new FieldSpec(SObjectType.LEAD, "Rating", false, FieldMeta.of("Rating", FieldType.PICKLIST, 40)
                        .picklist(List.of("Hot", "Warm", "Cold"), true)));
        assertThat(o.derived(SetAside.class)).extracting(SetAside::field).containsExactlyInAnyOrder("Email", "Title", "Rating");
    }

    @Test
    @DisplayName("a fitting value, a value for a required field, or a field of unknown type is left to the plan")
    void nothingToSetAside() {
        assertThat(POLICY.run(mapped("Founded__c", "2020-01-31"),
                new FieldSpec(SObjectType.LEAD, "Founded__c", false, FieldMeta.of("Founded__c", FieldType.DATE, 0))).fired()).isEmpty();
        assertThat(POLICY.run(mapped("Company", "x".repeat(300)),
                new FieldSpec(SObjectType.LEAD, "Company", true, FieldMeta.of("Company", FieldType.STRING, 255))).fired()).isEmpty();
        assertThat(POLICY.run(mapped("Title", "anything"), new FieldSpec(SObjectType.LEAD, "Title", false)).fired()).isEmpty();
    }
}
