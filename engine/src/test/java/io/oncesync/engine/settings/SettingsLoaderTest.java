package io.oncesync.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.SObjectType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    private static List<String> problems(String yaml) {
        return SettingsLoader.parse("settings.yaml", yaml).fold(s -> List.of(),
                ps -> ps.stream().map(SettingsProblem::toString).toList());
    }

    @Test
    @DisplayName("a complete settings file loads into one immutable value")
    void loads() {
        Settings s = SettingsLoader.parse("settings.yaml", """
                new-contacts: Contact
                when-lead-and-contact-match: MostRecent
                meetings:
                  create: Cases
                  case-calendars: [BKC-1, "Support desk"]
                mappings:
                  Contacts:
                    - { field: Email, from: email, overwrite: true }
                    - { field: Title, from: "answer:Your role", type: text }
                  Events:
                    - { field: Subject, from: subject }
                  Cases:
                    - { field: Origin, value: Web }
                fallbacks:
                  Contact:
                    LastName: Unknown
                """).orThrow();
        assertThat(s.newContactsAs()).isEqualTo(SObjectType.CONTACT);
        assertThat(s.whenBothMatch()).isEqualTo(MatchPreference.MOST_RECENT);
        assertThat(s.meetings()).isEqualTo(MeetingMode.CASES_FOR_SELECTED_CALENDARS);
        assertThat(s.caseCalendars()).containsExactly("BKC-1", "Support desk");
        assertThat(s.tab(SObjectType.CONTACT)).containsExactly(
                new FieldMapping(SObjectType.CONTACT, "Email", "email", null, PropertyType.EMAIL, true, new SourceLine("settings.yaml", 8)),
                new FieldMapping(SObjectType.CONTACT, "Title", "answer:Your role", null, PropertyType.TEXT, false, new SourceLine("settings.yaml", 9)));
        assertThat(s.tab(SObjectType.CASE).get(0).constant()).isEqualTo("Web");
        assertThat(s.fallback(SObjectType.CONTACT, "lastname").orElseThrow().value()).isEqualTo("Unknown");
    }

    @Test
    @DisplayName("the bundled defaults load from the classpath")
    void bundledDefaults() {
        // the engine's tests have no rules jar: the loader says so instead of throwing a bare NPE
        try {
            SettingsLoader.bundled();
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("oncesync/settings.yaml is missing");
        }
    }

    @Test
    @DisplayName("every mistake is reported at once, with file and line")
    void mistakes() {
        assertThat(problems("""
                new-contacts: Account
                colour: blue
                meetings:
                  create: Cases
                mappings:
                  Leads:
                    - { field: Email, from: e_mail }
                    - { field: Title, from: job_title }
                    - { field: title, from: job_title }
                    - { field: WhoId, from: email }
                    - { field: Company }
                  Events:
                    - { field: Subject, from: subject, overwrite: false }
                    - { field: Location, from: first_name }
                  Opportunities: []
                fallbacks:
                  Lead:
                    Company: ""
                  Account:
                    Name: x
                """)).containsExactly(
                "settings.yaml:2: unknown key \"colour\"; expected one of new-contacts, when-lead-and-contact-match, meetings, mappings, fallbacks",
                "settings.yaml:1: new-contacts: \"Account\" is not one of contact, lead",
                "settings.yaml:4: meetings: create: Cases needs at least one entry in case-calendars",
                "settings.yaml:7: unknown contact property \"e_mail\"; known: city, company, company_size, country, email, employees, "
                        + "first_name, full_name, has_consent, job_title, last_name, mobile_phone, note, oncehub_contact_id, phone, "
                        + "post_code, salutation, source_name, state, status, street_address, terms_of_service, timezone, "
                        + "custom:<name>, answer:<label>",
                "settings.yaml:9: Leads: title is mapped twice",
                "settings.yaml:10: WhoId is set by the meetings policy and cannot be mapped",
                "settings.yaml:11: Company: give exactly one of \"from\" (a OnceHub property) or \"value\" (a constant)",
                "settings.yaml:13: overwrite applies to the Leads and Contacts tabs only",
                "settings.yaml:14: unknown meeting property \"first_name\"; known: booking_calendar, booking_id, booking_page, "
                        + "cancel_reason, duration_minutes, end_time, event_type, guest_email, guest_name, guest_phone, join_url, "
                        + "location, manage_url, note, owner, start_date, start_time, status, subject, summary, timezone, "
                        + "custom:<name>, answer:<label>",
                "settings.yaml:15: unknown mapping tab \"Opportunities\"; the tabs are Leads, Contacts, Events, Cases",
                "settings.yaml:18: the fallback for Lead.Company is blank",
                "settings.yaml:19: unknown object \"Account\"; fallbacks are per Lead, Contact, Event or Case");
    }

    @Test
    @DisplayName("broken YAML is one problem at its line")
    void brokenYaml() {
        assertThat(problems("new-contacts: Lead\nmappings:\n  Leads: [ {field: x\n")).singleElement()
                .asString().startsWith("settings.yaml:").contains("not valid YAML");
        assertThat(problems("a: 1\na: 2\n")).singleElement().asString().isEqualTo("settings.yaml:2: \"a\" appears twice");
        assertThat(problems("- just\n- a list\n")).containsExactly("settings.yaml:1: the settings must be a mapping of keys to values");
    }

    @Test
    @DisplayName("an overlay replaces what it names and keeps the rest, and problems name the overlay's file")
    void overlay() {
        String base = """
                new-contacts: Lead
                mappings:
                  Leads:
                    - { field: Email, from: email }
                  Events:
                    - { field: Subject, from: subject }
                """;
        Settings s = SettingsLoader.parse("settings.yaml", base, "override.yaml", """
                new-contacts: Contact
                mappings:
                  Leads:
                    - { field: Title, from: job_title, overwrite: true }
                """).orThrow();
        assertThat(s.newContactsAs()).isEqualTo(SObjectType.CONTACT);
        assertThat(s.tab(SObjectType.LEAD)).extracting(FieldMapping::field).containsExactly("Title");
        assertThat(s.tab(SObjectType.EVENT)).extracting(FieldMapping::field).containsExactly("Subject");
        String problem = SettingsLoader.parse("settings.yaml", base, "override.yaml", "new-contacts: Nobody\n")
                .fold(x -> "", ps -> ps.get(0).toString());
        assertThat(problem).isEqualTo("override.yaml:1: new-contacts: \"Nobody\" is not one of contact, lead");
    }

    @Test
    @DisplayName("an empty file is the defaults: Leads, Contact wins, Events, no mappings")
    void empty() {
        Settings s = SettingsLoader.parse("settings.yaml", "# nothing yet\n").orThrow();
        assertThat(s.newContactsAs()).isEqualTo(SObjectType.LEAD);
        assertThat(s.whenBothMatch()).isEqualTo(MatchPreference.CONTACT);
        assertThat(s.meetings()).isEqualTo(MeetingMode.EVENTS);
        assertThat(s.mappings()).isEmpty();
    }
}
