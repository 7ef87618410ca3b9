package io.oncesync.server.demo;


import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.cli.Main;
import io.oncesync.server.inbox.InboxStatus;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The demo")
class DemoTest {
    private Demo demo;
    private Demo.Result result;
    private PartnerConnection sf;

    @BeforeAll
    void runTheDemo() throws Exception {
        demo = Demo.start(new Demo.Settings("127.0.0.1", 0, 0), List.of());
        result = demo.sendSamples();
        sf = demo.salesforce();
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @DisplayName("has every bundled webhook acknowledged and applied, none dead")
    void everyWebhookApplied() {
        assertThat(result.deliveries()).hasSize(9);
        assertThat(result.ok()).as("drained, acknowledged, nothing dead").isTrue();
        assertThat(result.deliveries()).allSatisfy(d -> {
            assertThat(d.answer().status()).isEqualTo(200);
            assertThat(d.status()).contains(InboxStatus.APPLIED);
            assertThat(d.entry().orElseThrow().decisionTrace()).contains("rulesFired");
        });
    }

    @Test
    @DisplayName("prints the console address and a sign-in link with the token in the fragment; runs on a writable rules copy")
    void consoleLinkAndWritableRules() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        demo.print(result, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("console        " + demo.serverUrl() + "/console")
                .contains("sign-in link: " + demo.serverUrl() + "/console/sign-in#token=" + demo.adminToken());
        assertThat(demo.signInLink()).doesNotContain("?");
        java.nio.file.Path rules = demo.app().policies().source().rulesDir().orElseThrow();
        assertThat(java.nio.file.Files.isWritable(rules.resolve("settings.yaml"))).isTrue();
        assertThat(java.nio.file.Files.readString(rules.resolve("settings.yaml"))).contains("case-calendars: [BKC-SUPPORT0001]");
        assertThat(rules.resolve("identification.drl")).exists();
        assertThat(out).contains("rules          " + rules);
    }

    @Test
    @DisplayName("creates the full-form guest as a Lead whose one Event was rescheduled and then canceled")
    void fullFormBookingRescheduledAndCanceled() throws Exception {
        List<SObject> leads = query("SELECT Id, FirstName, LastName, Company, Title, Phone, LeadSource FROM Lead"
                + " WHERE Email = 'ben.ortiz@harbor.example'");
        assertThat(leads).hasSize(1);
        SObject ben = leads.get(0);
        assertThat(text(ben, "FirstName")).isEqualTo("Ben");
        assertThat(text(ben, "LastName")).isEqualTo("Ortiz");
        assertThat(text(ben, "Company")).isEqualTo("Harbor Freight Co");
        assertThat(text(ben, "Title")).isEqualTo("Ops Manager");
        assertThat(text(ben, "LeadSource")).isEqualTo("OnceHub");
        List<SObject> events = query("SELECT Id, Subject, StartDateTime, EndDateTime FROM Event WHERE WhoId = '" + ben.getId() + "'");
        assertThat(events).hasSize(1);
        assertThat(text(events.get(0), "Subject")).isEqualTo("Canceled: Intro call");
        assertThat(text(events.get(0), "StartDateTime")).startsWith("2026-12-03T16:00:00");
        assertThat(text(events.get(0), "EndDateTime")).startsWith("2026-12-03T16:30:00");
    }

    @Test
    @DisplayName("attaches the mobile-only booking to the Contact with that mobile number, creating no Lead")
    void mobileOnlyFindsTheContact() throws Exception {
        assertThat(query("SELECT Id FROM Lead WHERE LastName = 'Bello'")).isEmpty();
        List<SObject> events = query("SELECT Subject, StartDateTime FROM Event WHERE WhoId = '003000000000902AAA'");
        assertThat(events).hasSize(1);
        assertThat(text(events.get(0), "Subject")).isEqualTo("Quick chat");
    }

    @Test
    @DisplayName("creates a Lead from name and company when the guest gave neither email nor phone")
    void noEmailNoPhone() throws Exception {
        List<SObject> leads = query("SELECT Id, Company, Email, Phone FROM Lead WHERE LastName = 'Visitor'");
        assertThat(leads).hasSize(1);
        assertThat(text(leads.get(0), "Company")).isEqualTo("Corner Bakery");
        assertThat(query("SELECT Subject FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'"))
                .extracting(e -> text(e, "Subject")).containsExactly("Store visit");
    }

    @Test
    @DisplayName("updates the existing Lead and Contact the chatbot and the routing form identified, creating nobody")
    void conversationsUpdateExistingPeople() throws Exception {
        assertThat(query("SELECT Id, Title FROM Lead WHERE Email = 'avery.nguyen@fabrikam.example'"))
                .extracting(SObject::getId, r -> text(r, "Title"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("00Q000000000901EAA", "Director of Access"));
        assertThat(query("SELECT Id, Title FROM Contact WHERE Email = 'k.brandt@tailspin.example'"))
                .extracting(SObject::getId, r -> text(r, "Title"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("003000000000901AAA", "Head of Operations"));
        assertThat(query("SELECT Id FROM Lead WHERE Email = 'k.brandt@tailspin.example'")).isEmpty();
    }

    @Test
    @DisplayName("writes a unicode name exactly as the guest typed it")
    void unicodeName() throws Exception {
        List<SObject> leads = query("SELECT FirstName, LastName, Company FROM Lead WHERE Email = 'zoe@fjell.example'");
        assertThat(leads).hasSize(1);
        assertThat(text(leads.get(0), "FirstName")).isEqualTo("Zoë");
        assertThat(text(leads.get(0), "LastName")).isEqualTo("Ǆurić-Ødegård");
        assertThat(text(leads.get(0), "Company")).isEqualTo("Fjell & Søn AS");
    }

    @Test
    @DisplayName("makes a Case, not an Event, for the booking on the support calendar")
    void caseCalendarBooking() throws Exception {
        assertThat(query("SELECT Subject, ContactId FROM Case WHERE ContactId = '003000000000903AAA'"))
                .extracting(r -> text(r, "Subject")).containsExactly("Support: billing question");
        assertThat(query("SELECT Id FROM Event WHERE WhoId = '003000000000903AAA'")).isEmpty();
    }

    @Test
    @DisplayName("leaves exactly the records the webhooks call for, and nothing else")
    void totals() throws Exception {
        assertThat(query("SELECT Id FROM Lead")).hasSize(4);
        assertThat(query("SELECT Id FROM Contact")).hasSize(3);
        assertThat(query("SELECT Id FROM Event")).hasSize(4);
        assertThat(query("SELECT Id FROM Case")).hasSize(1);
    }

    @Test
    @DisplayName("as a command with --exit, ends with exit code 0")
    void commandExitsZero() {
        assertThat(Main.run("demo", "--exit", "--port", "0", "--org-port", "0")).isZero();
    }

    private List<SObject> query(String soql) throws Exception {
        return List.of(sf.query(soql).getRecords());
    }

    private static String text(SObject r, String field) {
        Object v = r.getField(field);
        return v == null ? "" : v.toString();
    }
}
