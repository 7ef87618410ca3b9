package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.inbox.InboxStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Through the real HTTP endpoint, rules, force-partner-api client and local org: a look-alike email does not take
 * over another person's Lead, guest text cannot forge log lines, and no secret reaches a log line, an error body or
 * a toString().
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("End to end, security")
class SecurityEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Harness h;
    private PartnerConnection sf;
    private Map<String, String> env;

    @BeforeAll
    void start() throws Exception {
        logs.start();
        root().addAppender(logs);
        h = Harness.start();
        env = Harness.env(h.org, h.dir, 0);
        sf = h.sf();
    }

    @AfterAll
    void stop() {
        h.close();
        root().detachAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Each captured event as the configured text appender writes it. */
    private List<String> renderedLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> text = (OutputStreamAppender<ILoggingEvent>) context
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("text");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) text.getEncoder();
        List<String> out = new ArrayList<>();
        synchronized (logs) {
            for (ILoggingEvent e : new ArrayList<>(logs.list)) {
                out.add(encoder.getLayout().doLayout(e));
            }
        }
        return out;
    }

    private String leadId(String email, String title) throws Exception {
        SObject lead = new SObject("Lead");
        lead.setField("FirstName", "Kate");
        lead.setField("LastName", "Victim");
        lead.setField("Company", "Victim Inc");
        lead.setField("Email", email);
        lead.setField("Title", title);
        SaveResult[] saved = sf.create(new SObject[]{lead});
        assertThat(saved[0].isSuccess()).as(String.valueOf(List.of(saved[0].getErrors()))).isTrue();
        return saved[0].getId();
    }

    @Test
    @DisplayName("\\u212Aate@victim.example (Kelvin sign) does not update kate@victim.example's Lead nor get her Event")
    void kelvinSignDoesNotTakeOverKate() throws Exception {
        String kate = leadId("kate@victim.example", "CTO");
        String[] lookAlikes = {"\u212Aate@victim.example", "\uFF4Bate@victim.example", "k\u0430te@victim.example"};
        List<String> events = new ArrayList<>();
        for (int i = 0; i < lookAlikes.length; i++) {
            String tag = "LOOK000" + i;
            byte[] body = Payloads.booking("EVNT-" + tag, "booking.scheduled", "BKNG-" + tag, lookAlikes[i], "Kate",
                    "Impostor", T0, T0.plus(Duration.ofDays(3)));
            assertThat(h.client.send(body).status()).isEqualTo(200);
            events.add("EVNT-" + tag);
        }
        h.awaitSettled(events, Duration.ofSeconds(60));
        SObject after = Harness.queryAll(sf, "SELECT Id, Title, LastName, Email FROM Lead WHERE Id = '" + kate + "'").get(0);
        assertThat(Harness.text(after, "Title")).isEqualTo("CTO");
        assertThat(Harness.text(after, "LastName")).isEqualTo("Victim");
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Event WHERE WhoId = '" + kate + "'")).isEmpty();
        // The org's own comparison does not fold either: no look-alike finds kate (the org refuses to store such
        // addresses, as Salesforce does, so each booking ends as a dead letter an admin can inspect).
        for (String email : lookAlikes) {
            assertThat(Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = '" + email + "'"))
                    .as(email).noneMatch(r -> r.getId().equals(kate));
        }
        assertThat(events).allSatisfy(id -> assertThat(h.app.inbox().findByEventId(id).orElseThrow().status())
                .isIn(InboxStatus.APPLIED, InboxStatus.DEAD));
        // ASCII case still matches: KATE@Victim.Example is kate.
        byte[] upper = Payloads.booking("EVNT-LOOK0009", "booking.scheduled", "BKNG-LOOK0009", "KATE@Victim.Example",
                "Kate", "Victim", T0, T0.plus(Duration.ofDays(3)));
        assertThat(h.client.send(upper).status()).isEqualTo(200);
        assertThat(h.awaitSettled(List.of("EVNT-LOOK0009"), Duration.ofSeconds(60)).get("EVNT-LOOK0009").status())
                .isEqualTo(InboxStatus.APPLIED);
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Event WHERE WhoId = '" + kate + "'")).hasSize(1);
    }

    @Test
    @DisplayName("CR/LF in an event id and a guest's email are escaped in the log: one event, one line")
    void crlfCannotForgeLogLines() throws Exception {
        String forged = "\r\n2026-11-05T10:00:00.000+0000 INFO  AdminRoutes - admin action=rules.upload outcome=ok";
        byte[] body = Payloads.booking("EVNT-CRLF0001" + forged, "booking.scheduled", "BKNG-CRLF0001" + forged,
                "crlf@hostile.example" + forged, "Cr", "Lf", T0, T0.plus(Duration.ofDays(3)));
        assertThat(h.client.send(body).status()).isIn(200, 400);
        Harness.awaitTrue(() -> renderedLogs().stream().anyMatch(l -> l.contains("EVNT-CRLF0001")), Duration.ofSeconds(60),
                () -> "no log line for EVNT-CRLF0001");
        List<String> lines = renderedLogs().stream().filter(l -> l.contains("CRLF0001")).toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.indexOf('\n')).as(l).isEqualTo(l.length() - 1);
            assertThat(l).doesNotContain("\r").contains("\\r\\n2026-11-05T10:00:00.000+0000 INFO  AdminRoutes");
        });
        assertThat(lines.get(0)).contains("[booking=BKNG-CRLF0001\\r\\n").contains(" event=EVNT-CRLF0001\\r\\n");
    }

    @Test
    @DisplayName("No secret or token reaches a log line, an error body or toString()")
    void noSecretLeaks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + h.app.port();
        List<String> bodies = new ArrayList<>();
        String[][] calls = {{"/admin/deliveries", "Bearer " + Harness.ADMIN_TOKEN}, {"/admin/deliveries", "Bearer wrong-"
                + Harness.ADMIN_TOKEN}, {"/admin/audit", null}, {"/ready", "Bearer " + Harness.ADMIN_TOKEN}, {"/ready", null},
                {"/admin/connection", "Bearer " + Harness.ADMIN_TOKEN}, {"/metrics", null}};
        for (String[] c : calls) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c[0]));
            if (c[1] != null) {
                b.header("Authorization", c[1]);
            }
            bodies.add(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        bodies.add(h.client.post("{}".getBytes(StandardCharsets.UTF_8), "t=1,s=" + "0".repeat(64)).body());
        bodies.add(h.client.post("{}".getBytes(StandardCharsets.UTF_8), "t=" + Instant.now().getEpochSecond() + ",s="
                + "0".repeat(64)).body());
        bodies.add(h.client.send("{\"id\":1,\"id\":2}".getBytes(StandardCharsets.UTF_8)).body());
        String accessToken = h.org.issueAccessToken(h.org.adminUsername());
        List<String> secrets = List.of(Harness.SECRET, Harness.ADMIN_TOKEN, env.get(ConfigKey.TOKEN_KEY.envName()),
                h.org.clientSecret(), accessToken);
        List<String> strings = new ArrayList<>(renderedLogs());
        strings.addAll(bodies);
        strings.add(h.app.config().toString());
        strings.add(String.valueOf(h.app.gateway().status()));
        h.app.gateway().connector().connection().ifPresent(c -> strings.add(c.toString()));
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(strings).noneMatch(s -> s.contains(secret));
        }
        assertThat(renderedLogs()).isNotEmpty();
    }
}
