package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectorConfig;
import io.oncesync.localorg.LocalOrg;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import io.oncesync.server.app.FileConnectionStore;
import io.oncesync.server.app.SharedConnectionStore;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.oncesync.server.config.Secret;
import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("oncesync local-org / org snapshot / dry-run")
class OrgCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path resource(String name, String classpath) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(classpath)) {
            assertThat(in).as(classpath).isNotNull();
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    @DisplayName("local-org serves the real Partner client until stopped, then exits 0")
    void localOrgServes() {
        AtomicReference<String> seenName = new AtomicReference<>();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new LocalOrgCommand(org -> {
            try {
                ConnectorConfig c = new ConnectorConfig();
                c.setSessionId(org.issueAccessToken(org.adminUsername()));
                c.setServiceEndpoint(org.soapEndpoint());
                PartnerConnection sf = Connector.newConnection(c);
                seenName.set(sf.getUserInfo().getUserName());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("--port", "0", "--daily-limit", "500");
        assertThat(code).isZero();
        assertThat(seenName.get()).isEqualTo("admin@localorg.test");
        assertThat(out.toString()).contains("instance URL / OAuth host: http://127.0.0.1:").contains("client secret:");
    }

    @Test
    @DisplayName("local-org exits 2 for a schema file that does not exist or a bad port")
    void localOrgUsage() {
        Cli r = Cli.run("local-org", "--schema", dir.resolve("missing.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing.json does not exist");
        assertThat(Cli.run("local-org", "--port", "70000").code()).isEqualTo(2);
        assertThat(Cli.run("local-org", "--port", "x").code()).isEqualTo(2);
    }

    @Test
    @DisplayName("org snapshot --local writes a describe file a second local org loads")
    void snapshotRoundTrip() throws Exception {
        Path out = dir.resolve("snap/schema.json");
        Cli r = Cli.run("org", "snapshot", "--local", "-o", out.toString(), "--objects", "Lead,Contact");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Describing Lead, Contact").contains("Wrote 2 objects to " + out.toAbsolutePath());
        JsonNode root = JSON.readTree(out.toFile());
        assertThat(root.path("sobjects").findValuesAsText("name")).contains("Lead", "Contact", "LastName", "Email");
        try (LocalOrg again = LocalOrg.builder().port(0).schemaExtension(out).start()) {
            assertThat(again.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    @DisplayName("org snapshot reaches a configured org with client credentials from a config file")
    void snapshotConfiguredOrg() throws IOException {
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Path config = dir.resolve("oncesync.properties");
            Files.writeString(config, "oncesync.sf.flow=client_credentials\noncesync.sf.login.url=" + org.baseUrl()
                    + "\noncesync.sf.client.id=" + org.clientId() + "\noncesync.sf.client.secret=" + org.clientSecret() + "\n");
            Path out = dir.resolve("org.json");
            Cli r = Cli.run("org", "snapshot", "--config", config.toString(), "--out", out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("as admin@localorg.test").contains("Wrote 5 objects");
            assertThat(r.out() + r.err()).doesNotContain(org.clientSecret());
        }
    }

    @Test
    @DisplayName("org snapshot opens the connection the server stored after an admin connected (web-server flow)")
    void snapshotStoredConnection() throws Exception {
        Path data = dir.resolve("data");
        snapshotConnectionIn(new FileConnectionStore(data), "oncesync.data.dir=" + data + "\n");
    }

    @Test
    @DisplayName("org snapshot opens the connection several instances share in PostgreSQL")
    void snapshotSharedConnection() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             InboxDatabase db = InboxDatabase.postgres(postgres.getPostgresDatabase(), InboxOptions.defaults())) {
            snapshotConnectionIn(new SharedConnectionStore(db.sharedState()), "oncesync.db.url="
                    + postgres.getJdbcUrl("postgres", "postgres") + "\noncesync.db.user=postgres\noncesync.data.dir="
                    + dir.resolve("empty-data") + "\n");
        }
    }

    /** An admin connects through a server keeping the connection in {@code store}; the CLI then finds it there. */
    private void snapshotConnectionIn(ConnectionStore store, String storageConfig) throws Exception {
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            String key = TokenCipher.newBase64Key(new SecureRandom());
            URI callback = URI.create("http://127.0.0.1:9/connect/salesforce/callback");
            SalesforceConnector connector = new SalesforceConnector(new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()),
                    callback, new LoginHost(LoginHost.Kind.PRODUCTION, URI.create(org.baseUrl()))),
                    TokenCipher.fromBase64Key(Secret.of(key), new SecureRandom()), store);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(connector.beginConnect()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> back = new HashMap<>();
            for (String kv : URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                back.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
            assertThat(connector.completeConnect(back.get("state"), back.get("code"), null, null))
                    .isInstanceOf(ConnectResult.Connected.class);

            Path config = dir.resolve("stored.properties");
            Files.writeString(config, "oncesync.sf.login.url=" + org.baseUrl() + "\noncesync.sf.client.id=" + org.clientId()
                    + "\noncesync.sf.client.secret=" + org.clientSecret() + "\noncesync.token.key=" + key + "\n"
                    + storageConfig);
            Path out = dir.resolve("stored.json");
            Cli r = Cli.run("org", "snapshot", "--config", config.toString(), "-o", out.toString(), "--objects", "Event");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("the connected org").contains("connected by admin@localorg.test").contains("Wrote 1 objects");
        }
    }

    @Test
    @DisplayName("org snapshot reaches an org with an access token from the environment (--instance-url)")
    void snapshotAccessToken() throws IOException {
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Path out = dir.resolve("token.json");
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = new CommandLine(new OrgSnapshotCommand(java.util.Map.of(OrgSnapshotCommand.ACCESS_TOKEN_ENV,
                    org.issueAccessToken(org.adminUsername())))).setOut(new PrintWriter(o)).setErr(new PrintWriter(e))
                    .execute("--instance-url", org.baseUrl(), "-o", out.toString(), "--objects", "Case");
            assertThat(code).as(e.toString()).isZero();
            assertThat(o.toString()).contains("Wrote 1 objects");
            assertThat(Files.readString(out)).contains("\"name\" : \"Case\"");
            int noToken = new CommandLine(new OrgSnapshotCommand(java.util.Map.of())).setErr(new PrintWriter(new StringWriter()))
                    .execute("--instance-url", org.baseUrl(), "-o", out.toString());
            assertThat(noToken).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("org snapshot exits 2 without an output file, a connected app or a stored connection, 3 when the org refuses")
    void snapshotErrors() throws IOException {
        assertThat(Cli.run("org", "snapshot", "--local").code()).isEqualTo(2);
        Path config = dir.resolve("web.properties");
        Files.writeString(config, "oncesync.sf.flow=web_server\n");
        Cli r = Cli.run("org", "snapshot", "--config", config.toString(), "-o", dir.resolve("x.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ONCESYNC_SF_CLIENT_ID and ONCESYNC_SF_CLIENT_SECRET are required");
        Files.writeString(config, "oncesync.sf.flow=web_server\noncesync.sf.client.id=x\noncesync.sf.client.secret=y\n"
                + "oncesync.token.key=" + TokenCipher.newBase64Key(new SecureRandom()) + "\noncesync.data.dir=" + dir.resolve("empty") + "\n");
        Cli none = Cli.run("org", "snapshot", "--config", config.toString(), "-o", dir.resolve("x.json").toString());
        assertThat(none.code()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("no Salesforce org is connected");
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Files.writeString(config, "oncesync.sf.flow=client_credentials\noncesync.sf.login.url=" + org.baseUrl()
                    + "\noncesync.sf.client.id=" + org.clientId() + "\noncesync.sf.client.secret=wrong\n");
            Cli refused = Cli.run("org", "snapshot", "--config", config.toString(), "-o", dir.resolve("x.json").toString());
            assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
            assertThat(dir.resolve("x.json")).doesNotExist();
        }
    }

    @Test
    @DisplayName("dry-run --local finds the seeded Lead and plans an update and an Event, writing nothing")
    void dryRunLocal() throws IOException {
        Path payload = resource("payload.json", "oncesync/scenarios/golden/email-hit-on-lead/payload.json");
        Path seed = resource("seed.json", "io/oncesync/server/cli/ortiz-lead.json");
        Cli r = Cli.run("dry-run", "--local", "--seed", seed.toString(), payload.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("found\\s+Lead 00Q\\w{15}")
                .containsPattern("person: UPDATE Lead 00Q\\w{15}")
                .contains("meeting: CREATE Event").containsPattern("WhoId = \"00Q\\w{15}\"")
                .contains("identification: Identify the guest by email")
                .contains("Lead.Title = \"Ops Manager\"");
        assertThat(r.err()).contains("nothing is written");
    }

    @Test
    @DisplayName("dry-run --json prints the admin API's answer; a malformed payload exits 1 naming the field")
    void dryRunJsonAndMalformed() throws IOException {
        Path payload = resource("payload.json", "oncesync/scenarios/golden/email-hit-on-lead/payload.json");
        Cli r = Cli.run("dry-run", "--local", "--json", payload.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("parse").asText()).isEqualTo("accepted");
        assertThat(json.path("actions").get(0).path("operation").asText()).isEqualTo("CREATE");
        assertThat(json.path("found")).isEmpty();

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(payload).replace("\"starting_time\": \"2026-07-01T15:00:00.000Z\"", "\"starting_time\": \"tomorrow\""));
        Cli m = Cli.run("dry-run", "--local", bad.toString());
        assertThat(m.code()).as(m.toString()).isEqualTo(1);
        assertThat(m.out()).contains("payload malformed: /data/starting_time");
    }

    @Test
    @DisplayName("dry-run against the configured org reads the server's booking ledger, so a reschedule updates the known Event")
    void dryRunWithLedger() throws Exception {
        Path payload = resource("payload.json", "oncesync/scenarios/golden/rescheduled-known-event/payload.json");
        Path data = dir.resolve("data");
        try (io.oncesync.server.inbox.InboxDatabase db = io.oncesync.server.inbox.InboxDatabase.sqlite(data,
                io.oncesync.server.inbox.InboxOptions.defaults())) {
            db.ledger().record(new io.oncesync.engine.org.LedgerEntry("BKNG-SCNKNOWN34",
                    io.oncesync.engine.org.SObjectType.EVENT, "00U5g00000SCN034AAA", null, null));
        }
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Path config = dir.resolve("cc.properties");
            Files.writeString(config, "oncesync.sf.flow=client_credentials\noncesync.sf.login.url=" + org.baseUrl()
                    + "\noncesync.sf.client.id=" + org.clientId() + "\noncesync.sf.client.secret=" + org.clientSecret()
                    + "\noncesync.data.dir=" + data + "\n");
            Cli r = Cli.run("dry-run", "--config", config.toString(), payload.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Booking ledger: " + data.resolve("oncesync.db"));
            assertThat(r.out()).contains("ledger   Event 00U5g00000SCN034AAA").contains("meeting: UPDATE Event 00U5g00000SCN034AAA");
        }
    }

    @Test
    @DisplayName("dry-run exits 2 for a missing payload file and for --seed without --local")
    void dryRunUsage() {
        assertThat(Cli.run("dry-run", "--local", dir.resolve("none.json").toString()).code()).isEqualTo(2);
        assertThat(Cli.run("dry-run", "--seed", "x.json", "p.json").code()).isEqualTo(2);
        assertThat(Cli.run("dry-run").code()).isEqualTo(2);
    }
}
