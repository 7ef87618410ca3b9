package io.oncesync.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsValidatorTest {

    private static final OrgMetadata ORG = OrgMetadata.of(new ObjectMeta(SObjectType.LEAD, List.of(
            FieldMeta.of("Email", FieldType.EMAIL, 80),
            FieldMeta.of("NumberOfEmployees", FieldType.INT, 0),
            FieldMeta.of("LeadSource", FieldType.PICKLIST, 40).picklist(List.of("Web", "Phone Inquiry"), true),
            new FieldMeta("IsConverted", FieldType.BOOLEAN, 0, false, false, false, List.of(), false),
            FieldMeta.of("Company", FieldType.STRING, 10).required())));

    @Test
    @DisplayName("incompatible, unknown, read-only and unfitting mappings are settings errors at their line")
    void rejects() {
        Settings s = SettingsLoader.parse("settings.yaml", """
                mappings:
                  Lead:
                    - { field: Email, from: phone }
                    - { field: NumberOfEmployees, from: employees }
                    - { field: Fax, from: phone }
                    - { field: IsConverted, from: has_consent }
                    - { field: LeadSource, value: OnceHub }
                  Event:
                    - { field: Subject, from: subject }
                fallbacks:
                  Lead:
                    Company: "Not provided by the guest"
                """).orThrow();
        assertThat(SettingsValidator.validate(s, ORG)).extracting(SettingsProblem::toString).containsExactly(
                "settings.yaml:3: cannot map phone (phone) to Lead.Email (email); an email field takes text, email properties",
                "settings.yaml:5: Lead.Fax does not exist in the org",
                "settings.yaml:6: Lead.IsConverted is read-only in the org",
                "settings.yaml:7: Lead.LeadSource: \"OnceHub\" is not a value of the restricted picklist [Web, Phone Inquiry]",
                "settings.yaml:12: fallback for Lead.Company: \"Not provided by the guest\" is longer than 10 characters");
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @DisplayName("the compatibility matrix follows the research note")
    @CsvSource({
            "TEXT, STRING, DIRECT", "EMAIL, EMAIL, DIRECT", "PHONE, EMAIL, REJECTED", "NUMBER, PHONE, CONVERTED",
            "DATETIME, DATE, CONVERTED", "DATE, DATETIME, CONVERTED", "BOOLEAN, INT, REJECTED", "LIST, MULTIPICKLIST, DIRECT",
            "LIST, PICKLIST, REJECTED", "TEXT, REFERENCE, CONVERTED", "NUMBER, REFERENCE, REJECTED", "TEXT, ADDRESS, REJECTED",
            "BOOLEAN, PICKLIST, CONVERTED", "NUMBER, CURRENCY, DIRECT", "TEXT, BOOLEAN, CONVERTED"})
    void matrix(PropertyType from, FieldType to, Compatibility.Verdict verdict) {
        assertThat(Compatibility.of(from, to)).isEqualTo(verdict);
    }

    @Test
    @DisplayName("the admin UI's choices for a property are the compatible, writable fields")
    void options() {
        ObjectMeta lead = ORG.object(SObjectType.LEAD).orElseThrow();
        assertThat(Compatibility.mappableFields(PropertyType.NUMBER, lead)).extracting(FieldMeta::name)
                .containsExactly("NumberOfEmployees", "LeadSource", "Company");
        assertThat(Compatibility.compatibleTypes(PropertyType.EMAIL)).contains(FieldType.EMAIL, FieldType.STRING)
                .doesNotContain(FieldType.PHONE, FieldType.INT);
    }
}
