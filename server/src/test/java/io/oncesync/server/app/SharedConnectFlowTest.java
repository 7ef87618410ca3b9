package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Salesforce connect flow across two instances on one PostgreSQL: started on one, called back on the other. */
class SharedConnectFlowTest {

    @Test
    @DisplayName("A connect started on one instance completes on another, once; both then use the shared connection")
    void connectAcrossInstances() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             InboxDatabase one = InboxDatabase.postgres(postgres.getPostgresDatabase(), InboxOptions.defaults());
             InboxDatabase two = InboxDatabase.postgres(postgres.getPostgresDatabase(), InboxOptions.defaults());
             LocalOrg org = LocalOrg.builder().port(0).start()) {
            String key = TokenCipher.newBase64Key(new SecureRandom());
            SalesforceConnector first = connector(one, org, key);
            SalesforceConnector second = connector(two, org, key);

            Map<String, String> back = authorize(first.beginConnect());
            assertThat(second.completeConnect(back.get("state"), back.get("code"), null, null))
                    .isInstanceOf(ConnectResult.Connected.class);
            assertThat(first.completeConnect(back.get("state"), back.get("code"), null, null))
                    .as("a state is used once").isInstanceOfSatisfying(ConnectResult.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(ConnectResult.Reason.UNKNOWN_OR_EXPIRED_STATE));
            assertThat(first.connection()).get().extracting(c -> c.username()).isEqualTo(org.adminUsername());
            assertThat(first.reopen()).as("the other instance opens the stored connection").isPresent();
        }
    }

    private static SalesforceConnector connector(InboxDatabase db, LocalOrg org, String key) {
        TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(key), new SecureRandom());
        return new SalesforceConnector(new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()),
                URI.create("http://127.0.0.1:9/connect/salesforce/callback"),
                new LoginHost(LoginHost.Kind.PRODUCTION, URI.create(org.baseUrl()))), cipher,
                new SharedConnectionStore(db.sharedState()), PausePolicy.DEFAULT, HttpClient.newHttpClient(),
                Clock.systemUTC(), new SharedPendingAuthorizations(db.sharedState(), cipher, Duration.ofMinutes(10)));
    }

    /** Follows the authorize URL as the admin's browser would (the local org approves at once); the callback query. */
    private static Map<String, String> authorize(URI authorizeUrl) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> back = new HashMap<>();
        for (String kv : URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            back.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return back;
    }
}
