package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.Invalid;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.SetAside;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;
import io.oncesync.engine.settings.Fallback;
import io.oncesync.engine.settings.SourceLine;
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

    private static final FieldSpec COMPANY = new FieldSpec(SObjectType.LEAD, "Company", true,
            FieldMeta.of("Company", FieldType.STRING, 255));
    private static final Fallback COMPANY_FALLBACK = new Fallback(SObjectType.LEAD, "Company", "[not provided]",
            new SourceLine("settings.yaml", 60));

    private static Target lead(String recordId) {
        return new Target(Role.PERSON, SObjectType.LEAD, recordId, "r");
    }

    @Test
    @DisplayName("a value that does not fit a required field of a new record is set aside and replaced by the fallback")
    void requiredMisfitFallsBack() {
        var o = POLICY.run(lead(null), mapped("Company", "x".repeat(300)), COMPANY, COMPANY_FALLBACK);
        assertThat(o.fired()).containsExactly("Replace a value that does not fit its required field with the admin's fallback");
        assertThat(o.derived(SetAside.class)).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo("x".repeat(300));
            assertThat(s.reason()).isEqualTo("is 300 characters, more than the field's 255");
        });
        assertThat(o.derived(FieldDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.provenance()).isEqualTo(Provenance.FALLBACK);
            assertThat(d.value().asText()).isEqualTo("[not provided]");
        });
    }

    @Test
    @DisplayName("with no fallback, a value that does not fit a required field of a new record stops it, naming why")
    void requiredMisfitWithoutFallbackIsInvalid() {
        var o = POLICY.run(lead(null), mapped("Company", "x".repeat(300)), COMPANY);
        assertThat(o.fired()).containsExactly("Fail validation for a value that does not fit its required field and has no fallback");
        assertThat(o.derived(Invalid.class)).singleElement().satisfies(i -> assertThat(i.reason()).isEqualTo(
                "is 300 characters, more than the field's 255; Salesforce requires the field and settings give no fallback"));
    }

    @Test
    @DisplayName("an existing record keeps its value when the new one does not fit a required field; no fallback is written")
    void requiredMisfitOnExistingRecordIsSetAside() {
        var o = POLICY.run(lead("00Q000000000001AAA"), mapped("Company", "x".repeat(300)), COMPANY, COMPANY_FALLBACK);
        assertThat(o.fired()).containsExactly("Set aside a value that does not fit a required field of an existing record");
        assertThat(o.derived(FieldDecision.class)).isEmpty();
    }

    @Test
    @DisplayName("a fallback that itself does not fit is not replaced again (no loop); the plan's validation names it")
    void misfittingFallbackDoesNotLoop() {
        Fallback tooLong = new Fallback(SObjectType.LEAD, "Company", "y".repeat(300), new SourceLine("settings.yaml", 60));
        var o = POLICY.run(lead(null), mapped("Company", "x".repeat(300)), COMPANY, tooLong);
        assertThat(o.fired()).containsExactly("Replace a value that does not fit its required field with the admin's fallback");
    }
}
