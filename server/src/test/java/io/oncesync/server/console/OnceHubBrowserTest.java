package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localoncehub.Webhook;
import io.oncesync.server.app.Harness;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Connection page's OnceHub subscription panel in a real headless Chromium, against a local OnceHub whose
 * subscription oncesync manages (the demo's has no ONCESYNC_PUBLIC_URL, so it could not re-create one): an admin
 * checks after the webhook was deleted and reconciles a booking whose webhook was lost; the screenshot goes to
 * {@code docs/console/connection-oncehub.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the OnceHub subscription panel in a headless browser")
class OnceHubBrowserTest {
    private OnceHubStack stack;
    private Browser browser;
    private Path shots;

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled();
        stack = OnceHubStack.start();
        browser = Browser.start();
        shots = Browser.screenshotsDir();
    }

    @AfterAll
    void stop() throws Exception {
        try (OnceHubStack s = stack; Browser b = browser) {
            // both closed, the browser first, whichever of them started
        }
    }

    @Test
    @DisplayName("an admin sees the subscription, re-creates it with Check now after it was deleted, and reconciles")
    void checkAndReconcile() throws Exception {
        browser.driver.get(stack.url() + "/console/sign-in?next=%2Fconsole%2Fconnection");
        browser.byId("token").sendKeys(Harness.ADMIN_TOKEN);
        browser.click("sign-in");
        browser.await(d -> d.getCurrentUrl().endsWith("/console/connection"));
        browser.awaitReady();
        Webhook before = stack.activeWebhook().orElseThrow();
        assertThat(browser.byId("oncehub-state").getText()).isIn("Created", "Active");
        assertThat(browser.byId("oncehub-table").getText()).contains(before.id(), stack.url() + "/webhooks/oncehub",
                "Sales intro call");

        assertThat(stack.hub.deleteWebhook(before.id())).isTrue();
        browser.click("oncehub-check");
        browser.await(d -> browser.byId("oncehub-message").getText().startsWith("Re-created"));
        assertThat(browser.byId("oncehub-state").getText()).isEqualTo("Re-created");
        Optional<Webhook> now = stack.activeWebhook();
        assertThat(now).as("the local OnceHub has the subscription again").isPresent();
        assertThat(now.get().id()).isNotEqualTo(before.id());
        assertThat(browser.byId("oncehub-message").getText()).contains("was missing", now.get().id());
        assertThat(browser.byId("oncehub-table").getText()).contains(now.get().id());

        String booking = stack.missedBooking("panel@reconcile.example");
        stack.app.oncehub().orElseThrow().reconcileNow(); // the re-creation's own pass first, so the click finds the booking
        String other = stack.missedBooking("panel2@reconcile.example");
        browser.click("oncehub-reconcile");
        WebElement report = browser.await(d -> d.findElement(By.id("oncehub-report")));
        assertThat(browser.byId("oncehub-message").getText()).startsWith("Reconciled: ").contains("1 queued for Salesforce");
        assertThat(report.getText()).contains("Queued for Salesforce 1", "Reconciliation report");
        assertThat(stack.app.database().deliveries().search(io.oncesync.server.inbox.DeliveryFilter.all(500)))
                .anyMatch(e -> e.eventId().startsWith("poll:" + other + "@"))
                .anyMatch(e -> e.eventId().startsWith("poll:" + booking + "@"));
        assertThat(stack.app.database().audit().list(null, 20)).anyMatch(e -> e.action().equals("oncehub.watch")
                && e.actor().equals("console:admin")).anyMatch(e -> e.action().equals("oncehub.reconcile"));
        browser.screenshot(shots.resolve("connection-oncehub.png"));
    }
}
