package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP → inbox → rules → gateway → local org: a booking that replaces another, and a rule that throws. */
@DisplayName("End to end, pipeline edges")
class PipelineEdgesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path rulesDir;

    private static byte[] replacing(byte[] body, String previousBookingId) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        ((ObjectNode) root.get("data")).put("rescheduled_booking_id", previousBookingId);
        return JSON.writeValueAsBytes(root);
    }

    @Test
    @DisplayName("a booking canceled then rescheduled under a new id moves the replaced booking's Event, never a second one")
    void canceledThenRescheduledMovesTheEvent() throws Exception {
        try (Harness h = Harness.start()) {
            PartnerConnection sf = h.sf();
            String email = "mover@replaced.example";
            Instant newStart = T0.plus(Duration.ofDays(9));
            assertThat(h.client.send(Payloads.booking("EVNT-MOVE0001", "booking.scheduled", "BKNG-MOVEOLD", email,
                    "Mo", "Ver", T0, T0.plus(Duration.ofDays(7)))).status()).isEqualTo(200);
            h.awaitSettled(List.of("EVNT-MOVE0001"), Duration.ofSeconds(30));
            byte[] moved = replacing(Payloads.booking("EVNT-MOVE0002", "booking.canceled_then_rescheduled",
                    "BKNG-MOVENEW", email, "Mo", "Ver", T0.plusSeconds(60), newStart), "BKNG-MOVEOLD");
            assertThat(h.client.send(moved).status()).isEqualTo(200);
            InboxEntry entry = h.awaitSettled(List.of("EVNT-MOVE0002"), Duration.ofSeconds(30)).get("EVNT-MOVE0002");
            assertThat(entry.status()).isEqualTo(InboxStatus.APPLIED);

            String lead = Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = '" + email + "'").get(0).getId();
            List<SObject> events = Harness.queryAll(sf, "SELECT Id, StartDateTime FROM Event WHERE WhoId = '" + lead + "'");
            assertThat(events).hasSize(1);
            assertThat(Instant.parse(Harness.text(events.get(0), "StartDateTime"))).isEqualTo(newStart);
            assertThat(h.app.ledger().find("BKNG-MOVENEW").orElseThrow().meetingId()).isEqualTo(events.get(0).getId());
        }
    }

    @Test
    @DisplayName("a rule that throws parks only the event it throws on, naming the rule; the rest of the batch is applied")
    void throwingRuleParksOneEvent() throws Exception {
        rulesWithPoison(rulesDir, "Link the meeting of the poison guest", "poison@rules.example",
                "Object nothing = null;\n    nothing.toString();");
        try (Harness h = Harness.start(Harness.testOptions(), Map.of(ConfigKey.RULES_DIR.envName(), rulesDir.toString()))) {
            assertThat(h.client.send(Payloads.booking("EVNT-POIS0001", "booking.scheduled", "BKNG-POIS0001",
                    "poison@rules.example", "Poi", "Son", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            assertThat(h.client.send(Payloads.booking("EVNT-POIS0002", "booking.scheduled", "BKNG-POIS0002",
                    "healthy@rules.example", "Heal", "Thy", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            Map<String, InboxEntry> entries = h.awaitSettled(List.of("EVNT-POIS0001", "EVNT-POIS0002"),
                    Duration.ofSeconds(30));
            InboxEntry poisoned = entries.get("EVNT-POIS0001");
            assertThat(poisoned.status()).isEqualTo(InboxStatus.DEAD);
            assertThat(poisoned.lastError()).contains("Link the meeting of the poison guest").contains("replay");
            assertThat(entries.get("EVNT-POIS0002").status()).isEqualTo(InboxStatus.APPLIED);
        }
    }

    @Test
    @DisplayName("a rule that never ends is given up after BATCH_TIMEOUT_SECONDS and its event quarantined after"
            + " QUARANTINE_AFTER time-outs, while its single worker is replaced and the other events are applied")
    void hangingRuleIsTimedOutAndQuarantined() throws Exception {
        // Deaf to interruption, like an endless loop: only a replaced worker lets the next events through. The
        // property ends the stuck threads after the test.
        rulesWithPoison(rulesDir, "Link the meeting of the guest who never ends", "hang@rules.example",
                "while (System.getProperty(\"" + HANGS_END + "\") == null) {\n"
                + "        try { Thread.sleep(100); } catch (InterruptedException deaf) { }\n    }");
        OncesyncApp.Options oneWorker = Harness.testOptions()
                .withWorkers(Harness.testOptions().workers().orElseThrow().withParallelBatches(1));
        try (Harness h = Harness.start(oneWorker, Map.of(ConfigKey.RULES_DIR.envName(), rulesDir.toString(),
                ConfigKey.BATCH_TIMEOUT_SECONDS.envName(), "1", ConfigKey.QUARANTINE_AFTER.envName(), "2"))) {
            assertThat(h.client.send(Payloads.booking("EVNT-HANG0001", "booking.scheduled", "BKNG-HANG0001",
                    "hang@rules.example", "Han", "Ging", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            assertThat(h.client.send(Payloads.booking("EVNT-HANG0002", "booking.scheduled", "BKNG-HANG0002",
                    "patient@rules.example", "Pat", "Ient", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            Map<String, InboxEntry> entries = h.awaitSettled(List.of("EVNT-HANG0001", "EVNT-HANG0002"),
                    Duration.ofSeconds(60));
            InboxEntry hung = entries.get("EVNT-HANG0001");
            assertThat(hung.status()).isEqualTo(InboxStatus.DEAD);
            assertThat(hung.lastError()).startsWith("quarantined: processing this event was interrupted 2 times (timed out:"
                    + " still being processed after 1 s (ONCESYNC_BATCH_TIMEOUT_SECONDS)");
            assertThat(entries.get("EVNT-HANG0002").status()).isEqualTo(InboxStatus.APPLIED);

            assertThat(h.client.send(Payloads.booking("EVNT-HANG0003", "booking.scheduled", "BKNG-HANG0003",
                    "later@rules.example", "Lat", "Er", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            assertThat(h.awaitSettled(List.of("EVNT-HANG0003"), Duration.ofSeconds(30)).get("EVNT-HANG0003").status())
                    .isEqualTo(InboxStatus.APPLIED);
            assertThat(Harness.queryAll(h.sf(), "SELECT Id FROM Lead WHERE Email IN ('patient@rules.example',"
                    + " 'later@rules.example', 'hang@rules.example')")).hasSize(2);
        } finally {
            System.setProperty(HANGS_END, "true");
        }
    }

    @Test
    @DisplayName("a rule slower than BATCH_TIMEOUT_SECONDS that ends on its own: the given-up batch writes nothing,"
            + " so no Lead is created behind the retries' backs")
    void givenUpBatchWritesNothing() throws Exception {
        // Slow and deaf to interruption, but finite: the worker left behind reaches the write step after its batch
        // was given up and its event put back in the inbox.
        rulesWithPoison(rulesDir, "Link the meeting of the slow guest", "slow@rules.example",
                "long end = System.currentTimeMillis() + 2500;\n"
                + "    while (System.currentTimeMillis() < end) { Thread.interrupted(); }");
        try (Harness h = Harness.start(Harness.testOptions(), Map.of(ConfigKey.RULES_DIR.envName(), rulesDir.toString(),
                ConfigKey.BATCH_TIMEOUT_SECONDS.envName(), "1", ConfigKey.QUARANTINE_AFTER.envName(), "2"))) {
            assertThat(h.client.send(Payloads.booking("EVNT-SLOW0001", "booking.scheduled", "BKNG-SLOW0001",
                    "slow@rules.example", "Slo", "W", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            assertThat(h.client.send(Payloads.booking("EVNT-SLOW0002", "booking.scheduled", "BKNG-SLOW0002",
                    "quick@rules.example", "Qui", "Ck", T0, T0.plus(Duration.ofDays(3)))).status()).isEqualTo(200);
            Map<String, InboxEntry> entries = h.awaitSettled(List.of("EVNT-SLOW0001", "EVNT-SLOW0002"),
                    Duration.ofSeconds(60));
            assertThat(entries.get("EVNT-SLOW0001").status()).isEqualTo(InboxStatus.DEAD);
            assertThat(entries.get("EVNT-SLOW0002").status()).isEqualTo(InboxStatus.APPLIED);
            // every worker left behind has finished its rule (2.5 s) and reached the write step by now
            Thread.sleep(3_000);
            assertThat(Harness.queryAll(h.sf(), "SELECT Id FROM Lead WHERE Email = 'slow@rules.example'")).isEmpty();
            assertThat(Harness.queryAll(h.sf(), "SELECT Id FROM Lead WHERE Email = 'quick@rules.example'")).hasSize(1);
        }
    }

    private static final String HANGS_END = "oncesync.test.hangingRuleEnds";

    /**
     * The bundled rules in {@code dir}, plus a meetings rule named {@code ruleName} that runs {@code consequence}
     * (Java) for the guest with {@code email}.
     */
    static void rulesWithPoison(Path dir, String ruleName, String email, String consequence) throws IOException {
        copyBundledRules(dir);
        Files.writeString(dir.resolve("meetings.drl"), Files.readString(dir.resolve("meetings.drl"))
                + "\nrule \"" + ruleName + "\"\n    ruleflow-group \"meetings\"\nwhen\n"
                + "    io.oncesync.engine.facts.Identifier( value == \"" + email + "\" )\nthen\n"
                + "    " + consequence + "\nend\n", StandardCharsets.UTF_8);
    }

    static void copyBundledRules(Path dir) throws IOException {
        ClassLoader cl = PipelineEdgesEndToEndTest.class.getClassLoader();
        String index = read(cl, "oncesync/rules/INDEX");
        for (String line : index.split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                Files.writeString(dir.resolve(name), read(cl, "oncesync/rules/" + name), StandardCharsets.UTF_8);
            }
        }
    }

    private static String read(ClassLoader cl, String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(cl.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
