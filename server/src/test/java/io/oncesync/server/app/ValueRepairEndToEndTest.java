package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A booking with a value Salesforce would refuse, through HTTP, the rules and the local org. */
@DisplayName("End to end, one bad value does not sink a booking")
class ValueRepairEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-07T10:00:00Z");

    @Test
    @DisplayName("a guest who typed an email that is not an address is synced without it: a Lead and its Event are"
            + " written, and the trace keeps the value and why it was set aside")
    void invalidEmailIsSetAside() throws Exception {
        try (Harness h = Harness.start()) {
            assertThat(h.client.send(Payloads.booking("EVNT-BADV0001", "booking.scheduled", "BKNG-BADV0001", "n/a",
                    "Vera", "Valid", T0, T0.plus(Duration.ofDays(2)))).status()).isEqualTo(200);
            InboxEntry e = h.awaitSettled(List.of("EVNT-BADV0001"), Duration.ofSeconds(60)).get("EVNT-BADV0001");
            assertThat(e.status()).as(e.lastError()).isEqualTo(InboxStatus.APPLIED);
            assertThat(e.decisionTrace()).contains("Set aside an email that is not an address")
                    .contains("KEPT_SET_ASIDE").contains("n/a");
            List<SObject> leads = Harness.queryAll(h.sf(), "SELECT Id, Email, LastName FROM Lead WHERE LastName = 'Valid'");
            assertThat(leads).singleElement().satisfies(l -> assertThat(Harness.text(l, "Email")).isEmpty());
            assertThat(Harness.queryAll(h.sf(), "SELECT Id FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'"))
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("a company too long for the Lead's required Company field is replaced by the admin's fallback: the Lead"
            + " and its Event are written, and the trace keeps the typed company and why it was set aside")
    void requiredMisfitFallsBack() throws Exception {
        String company = "Very Long Company Name ".repeat(13);
        try (Harness h = Harness.start()) {
            byte[] body = Payloads.withFormField(Payloads.booking("EVNT-BADV0002", "booking.scheduled", "BKNG-BADV0002",
                    "kofi@long.example", "Kofi", "Longname", T0, T0.plus(Duration.ofDays(2))), "company", company);
            assertThat(h.client.send(body).status()).isEqualTo(200);
            InboxEntry e = h.awaitSettled(List.of("EVNT-BADV0002"), Duration.ofSeconds(60)).get("EVNT-BADV0002");
            assertThat(e.status()).as(e.lastError()).isEqualTo(InboxStatus.APPLIED);
            assertThat(e.decisionTrace()).contains("Replace a value that does not fit its required field with the admin's"
                    + " fallback").contains("KEPT_SET_ASIDE").contains(company.strip());
            List<SObject> leads = Harness.queryAll(h.sf(), "SELECT Id, Company FROM Lead WHERE LastName = 'Longname'");
            assertThat(leads).singleElement().satisfies(l -> assertThat(Harness.text(l, "Company")).isEqualTo("[not provided]"));
            assertThat(Harness.queryAll(h.sf(), "SELECT Id FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'"))
                    .hasSize(1);
        }
    }
}
