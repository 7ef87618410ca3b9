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
                  Contact:
                    - { field: Email, from: email, overwrite: true }
                    - { field: Title, from: "answer:Your role", type: text }
                  Event:
                    - { field: Subject, from: subject }
                  Case:
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
                  Lead:
                    - { field: Email, from: e_mail }
                    - { field: Title, from: job_title }
                    - { field: title, from: job_title }
                    - { field: WhoId, from: email }
                    - { field: Company }
                  Event:
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
                "settings.yaml:9: Lead: title is mapped twice",
                "settings.yaml:10: WhoId is set by the meetings policy and cannot be mapped",
                "settings.yaml:11: Company: give exactly one of \"from\" (a OnceHub property) or \"value\" (a constant)",
                "settings.yaml:13: overwrite applies to the Lead and Contact tabs only",
                "settings.yaml:14: unknown meeting property \"first_name\"; known: booking_calendar, booking_id, booking_page, "
                        + "cancel_reason, duration_minutes, end_time, event_type, guest_email, guest_name, guest_phone, join_url, "
                        + "location, manage_url, note, owner, start_date, start_time, status, subject, summary, timezone, "
                        + "custom:<name>, answer:<label>",
                "settings.yaml:15: unknown mapping tab \"Opportunities\"; the tabs are Lead, Contact, Event, Case",
                "settings.yaml:18: the fallback for Lead.Company is blank",
                "settings.yaml:19: unknown object \"Account\"; fallbacks are per Lead, Contact, Event or Case");
    }

    @Test
    @DisplayName("mapping tabs are named by the Salesforce object, as fallbacks are; the old plural names still load, with a warning at file and line")
    void tabSpellings() {
        String current = """
                mappings:
                  Lead:
                    - { field: Title, from: job_title, overwrite: true }
                  Contact:
                    - { field: Email, from: email }
                  Event:
                    - { field: Subject, from: subject }
                  Case:
                    - { field: Origin, value: Web }
                fallbacks:
                  Lead:
                    Company: "[not provided]"
                """;
        SettingsResult now = SettingsLoader.parse("settings.yaml", current);
        assertThat(now.warnings()).isEmpty();
        String old = current.replace("  Lead:\n    -", "  Leads:\n    -").replace("Contact:", "Contacts:")
                .replace("Event:", "Events:").replace("Case:", "Cases:");
        assertThat(old).contains("  Leads:\n", "  Contacts:\n", "  Events:\n", "  Cases:\n", "fallbacks:\n  Lead:\n");
        SettingsResult before = SettingsLoader.parse("settings.yaml", old);
        assertThat(before.orThrow()).isEqualTo(now.orThrow());
        assertThat(before.warnings()).extracting(SettingsProblem::toString).containsExactly(
                "settings.yaml:2: deprecated: mappings: \"Leads\" is the old name of the Lead tab; write \"Lead\" (the Salesforce object, as under fallbacks). Read as Lead for now.",
                "settings.yaml:4: deprecated: mappings: \"Contacts\" is the old name of the Contact tab; write \"Contact\" (the Salesforce object, as under fallbacks). Read as Contact for now.",
                "settings.yaml:6: deprecated: mappings: \"Events\" is the old name of the Event tab; write \"Event\" (the Salesforce object, as under fallbacks). Read as Event for now.",
                "settings.yaml:8: deprecated: mappings: \"Cases\" is the old name of the Case tab; write \"Case\" (the Salesforce object, as under fallbacks). Read as Case for now.");
        // problems in an old-style tab name the tab as it is now, at the file's line
        assertThat(problems("mappings:\n  Leads:\n    - { field: Title, from: job_title }\n    - { field: title, from: job_title }\n"))
                .containsExactly("settings.yaml:4: Lead: title is mapped twice");
    }

    @Test
    @DisplayName("one tab under both names is refused; an old-style overlay replaces the new-style base's tab")
    void tabSpellingsMixed() {
        assertThat(problems("""
                mappings:
                  Lead:
                    - { field: Title, from: job_title }
                  Leads:
                    - { field: Email, from: email }
                """)).containsExactly("settings.yaml:4: mappings: the Lead tab is given twice, as \"Leads\" (its old name) and \"Lead\"; keep \"Lead\"");
        SettingsResult merged = SettingsLoader.parse("settings.yaml", "mappings:\n  Lead:\n    - { field: Email, from: email }\n",
                "override.yaml", "mappings:\n  Leads:\n    - { field: Title, from: job_title }\n");
        assertThat(merged.orThrow().tab(SObjectType.LEAD)).extracting(FieldMapping::field).containsExactly("Title");
        assertThat(merged.warnings()).extracting(SettingsProblem::toString).singleElement().asString()
                .startsWith("override.yaml:2: deprecated: mappings: \"Leads\"");
    }

    @Test
    @DisplayName("broken YAML is one problem at its line")
    void brokenYaml() {
        assertThat(problems("new-contacts: Lead\nmappings:\n  Lead: [ {field: x\n")).singleElement()
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
                  Lead:
                    - { field: Email, from: email }
                  Event:
                    - { field: Subject, from: subject }
                """;
        Settings s = SettingsLoader.parse("settings.yaml", base, "override.yaml", """
                new-contacts: Contact
                mappings:
                  Lead:
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
