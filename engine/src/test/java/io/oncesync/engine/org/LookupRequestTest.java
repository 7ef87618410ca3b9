package io.oncesync.engine.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LookupRequestTest {

    private static final Settings SETTINGS = SettingsLoader.parse("settings.yaml", """
            mappings:
              Lead:
                - { field: Title, from: job_title }
                - { field: Email, from: email }
              Contact:
                - { field: Department, from: custom:dept }
            """).orThrow();

    private static OnceHubEvent event(String name) throws IOException {
        try (InputStream in = LookupRequestTest.class.getResourceAsStream("/payloads/" + name)) {
            return ((ParseResult.Accepted) new WebhookParser().parse(in.readAllBytes())).event();
        }
    }

    @Test
    @DisplayName("with an email, the gateway searches by email only and selects every mapped field")
    void byEmail() throws IOException {
        LedgerEntry ledger = new LedgerEntry("BKNG-T3STBOOK0001", SObjectType.EVENT, "00U000000000001AAA",
                SObjectType.LEAD, "00Q000000000001AAA");
        LookupRequest r = LookupRequest.of(event("booking-scheduled.json"), Optional.of(ledger), SETTINGS);
        assertThat(r.emails()).containsExactly("ines.moreau@client.example");
        assertThat(r.phones()).as("phones only matter without an email").isEmpty();
        assertThat(r.recordIds()).containsExactly("00Q000000000001AAA");
        assertThat(r.fields()).isEqualTo(Map.of(
                SObjectType.LEAD, List.of("Id", "LastModifiedDate", "Email", "Phone", "MobilePhone", "IsConverted",
                        "ConvertedContactId", "Title"),
                SObjectType.CONTACT, List.of("Id", "LastModifiedDate", "Email", "Phone", "MobilePhone", "Department")));
    }

    @Test
    @DisplayName("without an email, the gateway searches by the phones as given")
    void byPhone() throws IOException {
        LookupRequest r = LookupRequest.of(event("conversation-routing-form.json"), Optional.empty(), SETTINGS);
        assertThat(r.emails()).isEmpty();
        assertThat(r.phones()).containsExactly("(415) 555-0101");
        assertThat(r.isEmpty()).isFalse();
    }

    @Test
    @DisplayName("a converted Lead's Contact that the lookup missed is fetched in a follow-up")
    void followUp() throws IOException {
        LookupRequest r = LookupRequest.of(event("booking-scheduled.json"), Optional.empty(), SETTINGS);
        Candidate lead = new Candidate(SObjectType.LEAD, "00Q000000000002AAA", Instant.EPOCH, true,
                "003000000000009AAA", Map.of("Email", "ines.moreau@client.example"));
        assertThat(r.followUp(List.of(lead)).orElseThrow().recordIds()).containsExactly("003000000000009AAA");
        Candidate contact = new Candidate(SObjectType.CONTACT, "003000000000009AAA", Instant.EPOCH, false, null, Map.of());
        assertThat(r.followUp(List.of(lead, contact))).isEmpty();
    }
}
