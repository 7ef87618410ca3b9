package io.oncesync.rules;

import static io.oncesync.rules.PolicyHarness.candidate;
import static io.oncesync.rules.PolicyHarness.convertedLead;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.Identified;
import io.oncesync.engine.facts.Identifier;
import io.oncesync.engine.facts.Match;
import io.oncesync.engine.facts.MatchKind;
import io.oncesync.engine.facts.PersonPolicy;
import io.oncesync.engine.facts.Unidentified;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.MatchPreference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdentificationPolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("identification");

    private static final String EMAIL_RULE = "Identify the guest by email";
    private static final String PHONE_RULE = "Identify the guest by phone or mobile when there is no email";
    private static final String CONTACT_WINS = "Identify the guest as the most recently modified matching Contact, over any Lead";
    private static final String LEAD_IF_NO_CONTACT = "Identify the guest as the most recently modified matching Lead when no Contact matches";

    private static final Candidate CONTACT = candidate(SObjectType.CONTACT, "003A", "2026-03-01T00:00:00Z",
            "Email", "Jo@Example.com", "Phone", "+1 (312) 555-0148");
    private static final Candidate LEAD = candidate(SObjectType.LEAD, "00QA", "2026-04-01T00:00:00Z",
            "Email", "jo@example.com", "MobilePhone", "312.555.0148");

    private static PolicyHarness.Outcome identify(MatchPreference pref, Object... facts) {
        List<Object> all = new ArrayList<>(List.of(facts));
        all.add(new PersonPolicy(SObjectType.LEAD, pref));
        return POLICY.run(all);
    }

    private static Identifier email(String value) {
        return new Identifier(Identifier.Kind.EMAIL, value, "interaction");
    }

    private static Identifier phone(String value) {
        return new Identifier(Identifier.Kind.PHONE, value, "interaction");
    }

    private static Identified identified(PolicyHarness.Outcome o) {
        assertThat(o.derived(Identified.class)).hasSize(1);
        assertThat(o.derived(Unidentified.class)).isEmpty();
        return o.derived(Identified.class).get(0);
    }

    @Test
    @DisplayName("an email hit on a Contact identifies the Contact, compared case-insensitively")
    void emailContact() {
        var o = identify(MatchPreference.CONTACT, email("jo@example.com"), CONTACT);
        assertThat(o.fired()).containsExactly(EMAIL_RULE, CONTACT_WINS);
        assertThat(identified(o)).isEqualTo(new Identified(SObjectType.CONTACT, "003A", MatchKind.EMAIL, CONTACT_WINS));
        assertThat(o.derived(Match.class)).singleElement().extracting(Match::rule).isEqualTo(EMAIL_RULE);
    }

    @Test
    @DisplayName("an email hit on a Lead alone identifies the Lead")
    void emailLead() {
        var o = identify(MatchPreference.CONTACT, email("jo@example.com"), LEAD);
        assertThat(o.fired()).containsExactly(EMAIL_RULE, LEAD_IF_NO_CONTACT);
        assertThat(identified(o).recordId()).isEqualTo("00QA");
    }

    @Test
    @DisplayName("when a Lead and a Contact both match, the Contact wins by default, the Lead or the newer one if settings say so")
    void both() {
        assertThat(identified(identify(MatchPreference.CONTACT, email("jo@example.com"), LEAD, CONTACT)).recordId())
                .isEqualTo("003A");
        var lead = identify(MatchPreference.LEAD, email("jo@example.com"), LEAD, CONTACT);
        assertThat(identified(lead).recordId()).isEqualTo("00QA");
        assertThat(lead.fired()).contains("Identify the guest as the most recently modified matching Lead, over any Contact");
        var recent = identify(MatchPreference.MOST_RECENT, email("jo@example.com"), LEAD, CONTACT);
        assertThat(identified(recent).recordId()).as("the Lead is newer").isEqualTo("00QA");
        assertThat(recent.fired()).endsWith("Identify the guest as the most recently modified match, Lead or Contact");
    }

    @Test
    @DisplayName("the email already on the OnceHub contact identifies too")
    void knownEmail() {
        var o = identify(MatchPreference.CONTACT, new Identifier(Identifier.Kind.EMAIL, "jo@example.com", "oncehub-contact"), CONTACT);
        assertThat(identified(o).recordId()).isEqualTo("003A");
    }

    @Test
    @DisplayName("a converted Lead stands for its Contact, so no duplicate is made and the Lead is never touched")
    void converted() {
        var o = identify(MatchPreference.CONTACT, email("jo@example.com"),
                convertedLead("00QC", "003C", "2026-05-01T00:00:00Z", "Email", "JO@example.com"));
        assertThat(o.fired()).containsExactly("Identify the guest by email as the Contact a converted Lead became", CONTACT_WINS);
        assertThat(identified(o)).isEqualTo(new Identified(SObjectType.CONTACT, "003C", MatchKind.CONVERTED_LEAD, CONTACT_WINS));
    }

    @Test
    @DisplayName("with an email but no email match, phones are not searched and a new record is made")
    void emailWithoutHit() {
        var o = identify(MatchPreference.CONTACT, email("new@example.com"), phone("+13125550148"), CONTACT);
        assertThat(o.fired()).containsExactly("Identify the guest as new when no Lead or Contact has their email");
        assertThat(o.derived(Match.class)).isEmpty();
    }

    @Test
    @DisplayName("without an email, a phone written differently in Salesforce still matches")
    void phoneOne() {
        var o = identify(MatchPreference.CONTACT, phone("3125550148"), CONTACT);
        assertThat(o.fired()).containsExactly(PHONE_RULE, CONTACT_WINS);
        assertThat(identified(o).by()).isEqualTo(MatchKind.PHONE);
    }

    @Test
    @DisplayName("a mobile number matches a record's Phone or MobilePhone")
    void mobile() {
        var o = identify(MatchPreference.CONTACT, new Identifier(Identifier.Kind.MOBILE, "+1 312 555 0148", "interaction"), LEAD);
        assertThat(identified(o).recordId()).isEqualTo("00QA");
    }

    @Test
    @DisplayName("with several phone matches, the most recently modified wins")
    void phoneThree() {
        var o = identify(MatchPreference.CONTACT, phone("+13125550148"),
                candidate(SObjectType.LEAD, "00Q1", "2026-01-01T00:00:00Z", "Phone", "13125550148"),
                candidate(SObjectType.LEAD, "00Q2", "2026-02-01T00:00:00Z", "Phone", "(312) 555-0148"),
                candidate(SObjectType.LEAD, "00Q3", "2026-01-15T00:00:00Z", "MobilePhone", "+1-312-555-0148"));
        assertThat(o.fired()).containsExactly(PHONE_RULE, PHONE_RULE, PHONE_RULE, LEAD_IF_NO_CONTACT);
        assertThat(identified(o).recordId()).isEqualTo("00Q2");
    }

    @Test
    @DisplayName("equal modification times are broken by id, so the choice is stable")
    void tie() {
        var o = identify(MatchPreference.CONTACT, phone("+13125550148"),
                candidate(SObjectType.LEAD, "00Q1", "2026-01-01T00:00:00Z", "Phone", "13125550148"),
                candidate(SObjectType.LEAD, "00Q9", "2026-01-01T00:00:00Z", "Phone", "13125550148"));
        assertThat(identified(o).recordId()).isEqualTo("00Q9");
    }

    @Test
    @DisplayName("a phone nobody has means a new record")
    void phoneNone() {
        var o = identify(MatchPreference.CONTACT, phone("+44 20 7946 0000"), CONTACT);
        assertThat(o.fired()).containsExactly("Identify the guest as new when they gave no email and no Lead or Contact has their phone");
    }

    @Test
    @DisplayName("neither email nor phone: a new record from what there is")
    void nothing() {
        var o = identify(MatchPreference.CONTACT, CONTACT);
        assertThat(o.fired()).containsExactly("Identify the guest as new, from what there is, when they gave neither email nor phone");
        assertThat(o.derived(Unidentified.class)).singleElement().extracting(Unidentified::reason)
                .isEqualTo("the guest gave neither email nor phone");
    }

    @Test
    @DisplayName("without any match, the person already linked to the booking is the guest, so reschedules never duplicate")
    void ledger() {
        var entry = new LedgerEntry("BKNG-1", SObjectType.EVENT, "00UA", SObjectType.LEAD, "00QL");
        var o = identify(MatchPreference.CONTACT, entry);
        assertThat(o.fired()).containsExactly("Identify the guest as the person already linked to this booking", LEAD_IF_NO_CONTACT);
        assertThat(identified(o).by()).isEqualTo(MatchKind.LEDGER);
        var converted = identify(MatchPreference.CONTACT, entry,
                convertedLead("00QL", "003L", "2026-01-01T00:00:00Z"));
        assertThat(identified(converted).recordId()).isEqualTo("003L");
        assertThat(converted.fired()).startsWith("Identify the guest as the Contact the booking's converted Lead became");
    }

    @Test
    @DisplayName("an email that is not an address is set aside and the guest is identified by phone instead")
    void invalidEmailFallsBackToPhone() {
        var o = identify(MatchPreference.CONTACT, email("n/a"), phone("+1 (312) 555-0148"), CONTACT);
        assertThat(o.fired()).contains("Set aside an email that is not an address", PHONE_RULE);
        assertThat(o.derived(io.oncesync.engine.facts.SetAside.class)).singleElement()
                .satisfies(a -> assertThat(a.reason()).startsWith("\"n/a\" (interaction) is not an email address"));
        assertThat(identified(o).recordId()).isEqualTo("003A");
    }

    @Test
    @DisplayName("an invalid email and no phone: the guest is new, made from what there is")
    void invalidEmailAlone() {
        var o = identify(MatchPreference.CONTACT, email("11-50"), CONTACT);
        assertThat(o.fired()).containsExactly("Set aside an email that is not an address",
                "Identify the guest as new, from what there is, when they gave neither email nor phone");
    }
}
