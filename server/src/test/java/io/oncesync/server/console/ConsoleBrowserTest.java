package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.settings.Settings;
import io.oncesync.server.demo.Demo;
import io.oncesync.server.app.OnceHubHarness;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.demo.WebhookClient;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium, acting as an admin on the demo (local org, sample webhooks, writable
 * rules): the "done means" from sign-in to Salesforce records, plus a screenshot of each page into
 * {@code docs/console/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("the console in a headless browser")
class ConsoleBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUEST = "dana.kim@newco.example";

    private Demo demo;
    private Browser browser;
    private Path shots;

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled();
        // A fixed (free) port, as `oncesync demo` has: oncesync then manages its OnceHub subscription, as the
        // Connection page's screenshot shows. Should the port be taken meanwhile, the demo falls back to another.
        demo = Demo.start(new Demo.Settings("127.0.0.1", OnceHubHarness.freePort(), 0), RouteModules.installed());
        assertThat(demo.sendSamples().ok()).isTrue();
        browser = Browser.start();
        shots = Browser.screenshotsDir();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    private String url(String path) {
        return demo.serverUrl() + path;
    }

    @Test
    @Order(1)
    @DisplayName("a page without a session redirects to sign-in, which signs in with the token and comes back")
    void signIn() throws Exception {
        browser.driver.get(url("/console/deliveries"));
        browser.await(d -> d.getCurrentUrl().contains("/console/sign-in?next=%2Fconsole%2Fdeliveries"));
        browser.screenshot(shots.resolve("sign-in.png"));
        browser.byId("token").sendKeys("wrong-token");
        browser.click("sign-in");
        browser.await(d -> browser.byId("sign-in-error").isDisplayed());
        assertThat(browser.byId("sign-in-error").getText()).contains("not the admin token");
        browser.byId("token").clear();
        browser.byId("token").sendKeys(demo.adminToken());
        browser.click("sign-in");
        browser.await(d -> d.getCurrentUrl().endsWith("/console/deliveries"));
        browser.awaitReady();
        assertThat(browser.byId("who").getText()).isEqualTo("Signed in as console:admin");
    }

    @Test
    @Order(2)
    @DisplayName("an incompatible mapping is refused inline, next to its row, and nothing is saved")
    void incompatibleRefused() throws Exception {
        Path file = demo.app().policies().source().rulesDir().orElseThrow().resolve("settings.yaml");
        String before = Files.readString(file);
        Settings inForce = demo.app().policies().snapshot().settings();
        browser.open(url("/console/settings"));
        browser.click("tab-Contacts");
        int email = rowOf("Contacts", "Email");
        new Select(browser.byId("property-Contacts-" + email)).selectByValue("employees");
        assertThat(new Select(browser.byId("field-Contacts-" + email)).getFirstSelectedOption().getText())
                .contains("not compatible with number");
        browser.click("settings-save");
        WebElement error = browser.await(d -> d.findElement(By.id("error-Contacts-" + email)));
        assertThat(error.getText()).contains("cannot map employees (number) to Contact.Email");
        assertThat(browser.byId("save-status").getText()).contains("1 problem: nothing was saved");
        browser.screenshot(shots.resolve("settings-refused.png"));
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(demo.app().policies().snapshot().settings()).isSameAs(inForce);
        new Select(browser.byId("property-Contacts-" + email)).selectByValue("email");
    }

    @Test
    @Order(3)
    @DisplayName("done means: the admin's changes, saved in the browser, take effect on the next webhook in Salesforce")
    void doneMeans() throws Exception {
        browser.open(url("/console/settings"));
        browser.click("new-contacts-contact");

        browser.click("tab-Contacts");
        int title = rowOf("Contacts", "Title");
        WebElement overwrite = browser.byId("overwrite-Contacts-" + title);
        assertThat(overwrite.isSelected()).isTrue();
        browser.click(overwrite);
        assertThat(browser.byId("overwrite-Contacts-" + title).isSelected()).isFalse();

        browser.click("add-mapping-Contacts");
        int added = rows("Contacts") - 1;
        new Select(browser.byId("property-Contacts-" + added)).selectByValue("answer:job_title");
        new Select(browser.byId("field-Contacts-" + added)).selectByValue("Department");

        WebElement fallback = browser.byId("fallback-Contact-LastName");
        fallback.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Guest from OnceHub", Keys.TAB);
        browser.await(d -> "Guest from OnceHub".equals(browser.byId("fallback-Contact-LastName").getAttribute("value")));

        assertThat(browser.byId("meetings-cases").isSelected()).isTrue();
        browser.byId("calendar-search").sendKeys("SALES");
        browser.click(browser.find("input[data-calendar='BKC-SALES00001']"));

        browser.click("settings-check");
        WebElement diff = browser.await(d -> d.findElement(By.id("diff")));
        assertThat(diff.getText()).contains("New contacts become: Lead  →  Contact", "Case calendars: + BKC-SALES00001",
                "Contacts: + Department ← answer:job_title", "Title ← job_title, overwrite  →  Title ← job_title, fill blanks only",
                "Fallback Contact.LastName");
        browser.click("settings-save");
        browser.await(d -> browser.byId("save-status").getText().startsWith("Saved and reloaded"));
        browser.screenshot(shots.resolve("settings.png"));

        Settings s = demo.app().policies().snapshot().settings();
        assertThat(s.newContactsAs().apiName()).isEqualTo("Contact");
        assertThat(s.caseCalendars()).contains("BKC-SUPPORT0001", "BKC-SALES00001");

        InboxEntry first = send("EVNT-CONSOLE-A", "BKNG-CONSOLE-A", "Buyer");
        assertThat(first.status()).as(String.valueOf(first.lastError())).isEqualTo(InboxStatus.APPLIED);
        PartnerConnection sf = demo.salesforce();
        assertThat(query(sf, "SELECT Id FROM Lead WHERE Email = '" + GUEST + "'").getSize()).isZero();
        SObject contact = single(sf, "SELECT Id, LastName, Title, Department FROM Contact WHERE Email = '" + GUEST + "'");
        assertThat(contact.getField("LastName")).isEqualTo("Guest from OnceHub");
        assertThat(contact.getField("Department")).isEqualTo("Buyer");
        assertThat(contact.getField("Title")).isEqualTo("Buyer");
        assertThat(query(sf, "SELECT Id FROM Case WHERE ContactId = '" + contact.getId() + "'").getSize()).isEqualTo(1);
        assertThat(query(sf, "SELECT Id FROM Event WHERE WhoId = '" + contact.getId() + "'").getSize()).isZero();

        InboxEntry second = send("EVNT-CONSOLE-B", "BKNG-CONSOLE-B", "Chief Buyer");
        assertThat(second.status()).as(String.valueOf(second.lastError())).isEqualTo(InboxStatus.APPLIED);
        SObject again = single(sf, "SELECT Id, Title FROM Contact WHERE Email = '" + GUEST + "'");
        assertThat(again.getId()).isEqualTo(contact.getId());
        assertThat(again.getField("Title")).as("Overwrite is off: the Title is only filled when blank").isEqualTo("Buyer");
        assertThat(query(sf, "SELECT Id FROM Case WHERE ContactId = '" + contact.getId() + "'").getSize()).isEqualTo(2);
    }

    @Test
    @Order(4)
    @DisplayName("try it shows the plan, the rules that fired and the field provenance before saving")
    void tryIt() throws Exception {
        browser.open(url("/console/settings"));
        browser.await(d -> new Select(browser.byId("try-delivery")).getOptions().size() > 1);
        new Select(browser.byId("try-delivery")).selectByValue("EVNT-CONSOLE-A");
        browser.click("try-run");
        WebElement result = browser.await(d -> d.findElement(By.cssSelector("#try-result .provenance")));
        assertThat(result.getText()).contains("Contact.LastName");
        assertThat(browser.byId("try-result").getText()).contains("Rules that fired", "Plan");
        browser.byId("try-result").findElement(By.tagName("h3"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('h-try').scrollIntoView()");
        browser.screenshot(shots.resolve("settings-try-it.png"));
    }

    @Test
    @Order(5)
    @DisplayName("while the org answers the API limit the connection page shows syncing paused, why and until when;"
            + " once the limit is lifted, Resume now (audited) syncs the waiting booking at once")
    void pausedAndResumedNow() throws Exception {
        PartnerConnection sf = demo.salesforce();
        String contact = single(sf, "SELECT Id FROM Contact WHERE Email = '" + GUEST + "'").getId();
        int cases = query(sf, "SELECT Id FROM Case WHERE ContactId = '" + contact + "'").getSize();
        demo.org().faults().exhaustApiLimit();
        try {
            post("EVNT-CONSOLE-P", "BKNG-CONSOLE-P", "Paused Buyer");
            // The pauses grow (2 s, 4 s, 8 s…): look at one with time left, so it does not end by itself meanwhile.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!pausedFor(Duration.ofSeconds(6)) || !pausedBannerShown()) {
                assertThat(Instant.now()).as("no long pause shown: " + demo.app().workers().state()).isBefore(deadline);
                Thread.sleep(300);
            }
            assertThat(browser.byId("sync-paused").getText()).contains("Syncing paused", "Reason", "limit",
                    "Paused since", "Resumes by itself");
            browser.screenshot(shots.resolve("connection-paused.png"));
        } finally {
            demo.org().faults().clear();
        }
        browser.click("resume-now");
        browser.await(d -> browser.byId("resume-message").getText().startsWith("Resumed"));
        InboxEntry e = awaitSettled("EVNT-CONSOLE-P");
        assertThat(e.status()).as(String.valueOf(e.lastError())).isEqualTo(InboxStatus.APPLIED);
        assertThat(query(sf, "SELECT Id FROM Case WHERE ContactId = '" + contact + "'").getSize()).isEqualTo(cases + 1);
        browser.open(url("/console/audit"));
        assertThat(browser.byId("audit-table").getText()).contains("sync.resume", "ended the pause until");
    }

    private boolean pausedFor(Duration atLeast) {
        Instant until = demo.app().workers().state().pausedUntil();
        return until != null && Duration.between(Instant.now(), until).compareTo(atLeast) > 0;
    }

    private boolean pausedBannerShown() throws Exception {
        browser.open(url("/console/connection"));
        return !browser.driver.findElements(By.id("sync-paused")).isEmpty();
    }

    @Test
    @Order(6)
    @DisplayName("the other pages render with live data: dashboard, connection, deliveries with detail, rules, audit")
    void otherPages() throws Exception {
        browser.open(url("/console/dashboard"));
        browser.await(d -> d.findElement(By.id("dashboard-stats")).getText().contains("Backlog"));
        browser.screenshot(shots.resolve("dashboard.png"));

        browser.open(url("/console/connection"));
        assertThat(browser.byId("connection-state").getText()).isEqualTo("Connected");
        assertThat(browser.byId("receipt-types").getText()).contains("booking.scheduled");
        browser.screenshot(shots.resolve("connection.png"));

        browser.open(url("/console/deliveries"));
        browser.await(d -> d.findElement(By.id("deliveries-table")).getText().contains("EVNT-CONSOLE-A"));
        browser.click(browser.driver.findElement(By.linkText("EVNT-CONSOLE-A")));
        WebElement detail = browser.await(d -> d.findElement(By.id("delivery")));
        browser.await(d -> detail.getText().contains("Field provenance"));
        assertThat(detail.getText()).contains("APPLIED", "Rules that fired");
        // one line per run of the same rule, with its count: this booking maps several fields with one rule
        List<String> fired = detail.findElements(By.cssSelector("ol.rules-fired li")).stream().map(WebElement::getText).toList();
        assertThat(fired).anySatisfy(line -> assertThat(line).matches("mapping: .* ×\\d+"));
        browser.screenshot(shots.resolve("deliveries.png"));

        browser.open(url("/console/rules"));
        browser.click("rules-check");
        browser.await(d -> d.findElement(By.id("rules-result")).getText().contains("No problems"));
        assertThat(browser.find("pre.code .kw").getText()).isNotEmpty();
        browser.screenshot(shots.resolve("rules.png"));

        browser.open(url("/console/audit"));
        String audit = browser.byId("audit-table").getText();
        assertThat(audit).contains("settings.save", "console:admin", "New contacts become: Lead");
        browser.screenshot(shots.resolve("audit.png"));

        browser.click("sign-out");
        browser.await(d -> d.getCurrentUrl().contains("/console/sign-in"));
        browser.driver.get(url("/console/settings"));
        browser.await(d -> d.getCurrentUrl().contains("/console/sign-in?next="));
    }

    // ---- helpers

    private int rows(String tab) {
        return browser.driver.findElements(By.cssSelector("#panel-" + tab + " tbody tr[data-index]")).size();
    }

    private int rowOf(String tab, String field) {
        for (int i = 0; i < rows(tab); i++) {
            if (field.equals(new Select(browser.byId("field-" + tab + "-" + i)).getFirstSelectedOption().getAttribute("value"))) {
                return i;
            }
        }
        throw new AssertionError("no " + field + " row on " + tab);
    }

    /** Sends a signed booking (sample 01 made into a new guest with no name) and waits until it is settled. */
    private InboxEntry send(String eventId, String bookingId, String jobTitle) throws Exception {
        post(eventId, bookingId, jobTitle);
        return awaitSettled(eventId);
    }

    /** Sends a signed booking (sample 01 made into a new guest with no name); it is acknowledged. */
    private void post(String eventId, String bookingId, String jobTitle) throws Exception {
        ObjectNode event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("oncesync/demo/webhooks/01-booking-full-form.json")) {
            event = (ObjectNode) JSON.readTree(in);
        }
        event.put("id", eventId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", bookingId);
        data.put("last_updated_time", Instant.now().toString());
        ObjectNode form = (ObjectNode) data.get("form_submission");
        form.putNull("name");
        form.put("email", GUEST);
        form.putNull("phone");
        form.putNull("company");
        ArrayNode custom = form.putArray("custom_fields");
        custom.addObject().put("name", "job_title").put("value", jobTitle);
        WebhookClient client = new WebhookClient(demo.serverUrl(), demo.webhookSecret(), Clock.systemUTC());
        assertThat(client.send(JSON.writeValueAsBytes(event)).acknowledged()).isTrue();
    }

    private InboxEntry awaitSettled(String eventId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<InboxEntry> e = demo.app().inbox().findByEventId(eventId);
            if (e.isPresent() && !e.get().status().isOpen()) {
                return e.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(eventId + " did not settle within 60 s");
    }

    private static QueryResult query(PartnerConnection sf, String soql) throws Exception {
        return sf.query(soql);
    }

    private static SObject single(PartnerConnection sf, String soql) throws Exception {
        QueryResult r = sf.query(soql);
        assertThat(r.getSize()).as(soql).isEqualTo(1);
        return r.getRecords()[0];
    }
}
