package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.Invalid;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Provenance;
import io.oncesync.engine.settings.Fallback;
import io.oncesync.engine.settings.SourceLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FallbackPolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("fallback");
    private static final Target NEW_LEAD = new Target(Role.PERSON, SObjectType.LEAD, null, "r");
    private static final FieldSpec COMPANY = new FieldSpec(SObjectType.LEAD, "Company", true);

    @Test
    @DisplayName("a required field left blank on a new record gets the admin's fallback")
    void fallback() {
        var o = POLICY.run(NEW_LEAD, COMPANY, new Fallback(SObjectType.LEAD, "Company", "[not provided]", new SourceLine("s", 1)));
        assertThat(o.fired()).containsExactly("Fall back to the admin's value for a required field left blank");
        assertThat(o.derived(FieldDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.provenance()).isEqualTo(Provenance.FALLBACK);
            assertThat(d.value().asText()).isEqualTo("[not provided]");
        });
    }

    @Test
    @DisplayName("a required field without a value or a fallback fails validation, naming the field")
    void missing() {
        var o = POLICY.run(NEW_LEAD, COMPANY);
        assertThat(o.fired()).containsExactly("Fail validation for a required field with no value and no fallback");
        assertThat(o.derived(Invalid.class)).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("Company");
            assertThat(i.reason()).isEqualTo("is required, OnceHub sent no value and settings give no fallback");
        });
    }

    @Test
    @DisplayName("a filled required field, an optional one, or an existing record need nothing")
    void nothingToDo() {
        assertThat(POLICY.run(NEW_LEAD, COMPANY, FieldDecision.of(SObjectType.LEAD, "Company", "Acme", Provenance.MAPPING, "company", "r"))
                .fired()).isEmpty();
        assertThat(POLICY.run(NEW_LEAD, new FieldSpec(SObjectType.LEAD, "Title", false)).fired()).isEmpty();
        assertThat(POLICY.run(new Target(Role.PERSON, SObjectType.LEAD, "00QA", "r"), COMPANY).fired()).isEmpty();
    }

    @Test
    @DisplayName("a new Event needs a start and an end or duration, which describe does not show")
    void event() {
        var o = POLICY.run(new Target(Role.MEETING, SObjectType.EVENT, null, "r"),
                FieldDecision.of(SObjectType.EVENT, "DurationInMinutes", "30", Provenance.MAPPING, "duration_minutes", "r"));
        assertThat(o.fired()).containsExactly("Fail validation for a new Event without a start");
    }
}
