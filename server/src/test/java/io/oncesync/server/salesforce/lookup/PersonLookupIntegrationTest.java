package io.oncesync.server.salesforce.lookup;

import io.oncesync.server.salesforce.OrgFixture;
import io.oncesync.server.salesforce.OrgSession;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.connect.LoginHost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Looking up a batch of guests in the org")
class PersonLookupIntegrationTest {
    private static final Map<String, Set<String>> PEOPLE = Map.of(
            "Lead", Set.of("FirstName", "LastName", "Company"),
            "Contact", Set.of("FirstName", "LastName", "AccountId"));

    private OrgFixture fx;
    private OrgSession session;

    @BeforeAll
    void start() throws Exception {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
        session = fx.adminSession();
        session.schema().current();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private PersonMatches find(Set<String> emails, Set<String> phones, Set<String> ids) throws SalesforceUnavailable {
        return session.lookup().find(new PersonQuery(emails, phones, ids, PEOPLE));
    }

    @Test
    @DisplayName("finds a Lead whose email differs from the guest's only in case, with the mapped fields' current values")
    void emailCaseInsensitive() throws Exception {
        PersonMatches r = find(Set.of("alan.turing@bletchley.example"), Set.of(), Set.of());
        assertThat(r.forEmail("ALAN.turing@bletchley.example")).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("00Q000000000101EAA");
            assertThat(f.objectType()).isEqualTo("Lead");
            assertThat(f.text("Company")).isEqualTo("Bletchley Park");
            assertThat(f.converted()).isFalse();
        });
    }

    @Test
    @DisplayName("answers a whole batch of emails with one query per object")
    void oneQueryPerObject() throws Exception {
        long before = fx.org.apiCallsUsed();
        PersonMatches r = find(Set.of("alan.turing@bletchley.example", "ada@engines.example", "grace@navy.example",
                "nobody@nowhere.example", "ada.old@engines.example"), Set.of(), Set.of());
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(2);
        assertThat(r.forEmail("ada@engines.example")).extracting(FoundRecord::id).containsExactly("003000000000101AAA");
        assertThat(r.forEmail("grace@navy.example")).extracting(FoundRecord::id).containsExactly("003000000000104AAA");
        assertThat(r.forEmail("nobody@nowhere.example")).isEmpty();
        assertThat(r.forEmail("ada.old@engines.example")).singleElement().satisfies(f -> {
            assertThat(f.converted()).isTrue();
            assertThat(f.convertedContactId()).contains("003000000000101AAA");
        });
    }

    @Test
    @DisplayName("finds phones whatever their formatting, a three-way tie listed newest first")
    void phoneFormatsAndTie() throws Exception {
        long before = fx.org.apiCallsUsed();
        PersonMatches r = find(Set.of(), Set.of("415-555-1212"), Set.of());
        assertThat(fx.org.apiCallsUsed() - before).as("one SOSL for all phones").isEqualTo(1);
        assertThat(r.forPhone("(415) 555 1212")).extracting(FoundRecord::id)
                .containsExactly("003000000000102AAA", "003000000000103AAA", "003000000000101AAA");
        assertThat(r.forPhone("4155551212").get(0).lastModified()).isAfter(r.forPhone("4155551212").get(1).lastModified());
        PersonMatches international = find(Set.of(), Set.of("020 7946 0958", "0044 1908 640404"), Set.of());
        assertThat(international.forPhone("020 7946 0958")).extracting(FoundRecord::id).containsExactly("003000000000104AAA");
        assertThat(international.forPhone("+44 1908 640404")).extracting(FoundRecord::id).containsExactly("00Q000000000101EAA");
    }

    @Test
    @DisplayName("fetches records by id alongside the emails, without an extra call")
    void byId() throws Exception {
        long before = fx.org.apiCallsUsed();
        PersonMatches r = find(Set.of("grace@navy.example"), Set.of(), Set.of("003000000000101AAA", "00Q000000000101"));
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(2);
        assertThat(r.forId("003000000000101")).map(FoundRecord::id).contains("003000000000101AAA");
        assertThat(r.forId("00Q000000000101EAA")).map(FoundRecord::objectType).contains("Lead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR Email != '", "x\\' OR Email != \\'", "%", "_@x.example", "a_b_c@x.example",
            "' OR Id != null OR Email = '", "\\", "'", "x@y.example') OR (Email != ''", "{x} OR {y}",
            "ada@engines.example' LIMIT 1 --", "\u0000\n\r\t", "SELECT Id FROM Lead"})
    @DisplayName("treats hostile emails as plain values: no broken query, no wider match")
    void hostileEmails(String hostile) throws Exception {
        PersonMatches r = find(Set.of(hostile), Set.of(hostile), Set.of());
        assertThat(r.byEmail()).isEmpty();
        assertThat(r.byPhone()).isEmpty();
    }

    @Test
    @DisplayName("matches emails holding quotes, backslashes and wildcards exactly")
    void specialCharactersMatchExactly() throws Exception {
        assertThat(find(Set.of("O'Neil@quotes.example"), Set.of(), Set.of()).forEmail("o'neil@quotes.example"))
                .extracting(FoundRecord::id).containsExactly("00Q000000000103EAA");
        assertThat(find(Set.of("a_b%c@x.example", "aXbYc@x.example"), Set.of(), Set.of()).byEmail())
                .containsOnlyKeys("a_b%c@x.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"415} OR {*", "\"415\" OR \"555\"", "415* 555?1212", "(415) 555-1212 AND NOT x",
            "4155551212\\", "+1 {415} [555] ~1212 ^2"})
    @DisplayName("reduces hostile phones to their digits, so SOSL syntax in them is inert")
    void hostilePhones(String hostile) throws Exception {
        List<FoundRecord> found = find(Set.of(), Set.of(hostile), Set.of()).forPhone(hostile);
        String digits = PhoneNumber.digits(hostile);
        assertThat(found).allSatisfy(f -> assertThat(List.of(String.valueOf(f.text("Phone")), String.valueOf(f.text("MobilePhone"))))
                .anyMatch(p -> PhoneNumber.sameNumber(p, digits)));
    }

    @Test
    @DisplayName("leaves out mapped fields the org does not have, and says which")
    void unknownMappedField() throws Exception {
        PersonMatches r = session.lookup().find(new PersonQuery(Set.of("grace@navy.example"), Set.of(), Set.of(),
                Map.of("Contact", Set.of("LastName", "Deleted_Field__c"))));
        assertThat(r.ignoredFields()).containsExactly("Contact.Deleted_Field__c");
        assertThat(r.forEmail("grace@navy.example")).hasSize(1);
    }
}
