package io.oncesync.server.salesforce;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OrgConnection;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.lookup.PersonQuery;
import io.oncesync.server.salesforce.write.RecordWrite;
import io.oncesync.server.salesforce.write.WriteReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Keeping the session alive")
class SessionIntegrationTest {
    private OrgFixture fx;

    @BeforeEach
    void start() {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static PersonQuery query(String email) {
        return new PersonQuery(Set.of(email), Set.of(), Set.of(), Map.of("Lead", Set.of("Company")));
    }

    @Test
    @DisplayName("renews an expired access token once with the refresh token and carries on mid-run")
    void tokenExpiryMidRun() throws Exception {
        OrgSession session = fx.adminSession();
        assertThat(session.lookup().find(query("alan.turing@bletchley.example")).byEmail()).hasSize(1);

        fx.org.faults().expireAllSessions();
        assertThat(session.lookup().find(query("alan.turing@bletchley.example")).byEmail()).hasSize(1);
        assertThat(session.client().state()).isEqualTo(SalesforceClient.State.ACTIVE);

        fx.org.faults().expireAllSessions();
        WriteReport report = session.writer().write(java.util.List.of(RecordWrite.create("p", SObjectType.LEAD, java.util.Map.of("LastName", "Guest p", "Company", "Acme", "Email", "p@renew.example"))));
        assertThat(report.complete()).isTrue();
    }

    @Test
    @DisplayName("stops with reconnect needed when the refresh token was revoked, and then fails fast without calling")
    void revokedRefreshToken() throws Exception {
        OrgSession session = fx.adminSession();
        OrgConnection c = fx.store.current().orElseThrow();
        fx.org.faults().revoke(fx.cipher.decrypt(c.encryptedRefreshToken().orElseThrow(), c.orgId()).reveal());
        fx.org.faults().expireAllSessions();

        assertThatThrownBy(() -> session.lookup().find(query("alan.turing@bletchley.example")))
                .isInstanceOf(SalesforceUnavailable.ReconnectNeeded.class)
                .hasMessageContaining("reconnect needed: session expired and the token refresh was refused (invalid_grant)");
        assertThat(session.client().state()).isEqualTo(SalesforceClient.State.RECONNECT_NEEDED);

        long before = fx.org.apiCallsUsed();
        assertThatThrownBy(() -> session.lookup().find(query("x@y.example")))
                .isInstanceOf(SalesforceUnavailable.ReconnectNeeded.class);
        assertThat(fx.org.apiCallsUsed()).as("no call made while reconnect is needed").isEqualTo(before);
    }

    @Test
    @DisplayName("the gateway reopens the stored connection after a restart and reports reconnect needed when it cannot")
    void gatewayStatus() throws Exception {
        SalesforceGateway gateway = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
        assertThat(gateway.status().state()).isEqualTo(SalesforceGateway.Status.State.NOT_CONNECTED);
        assertThatThrownBy(gateway::session).isInstanceOf(SalesforceUnavailable.ReconnectNeeded.class)
                .hasMessageContaining("no Salesforce org is connected yet");

        gateway.accept(fx.connectAs(fx.org.adminUsername()));
        assertThat(gateway.status().state()).isEqualTo(SalesforceGateway.Status.State.CONNECTED);
        assertThat(gateway.status().connection().orElseThrow().username()).isEqualTo(fx.org.adminUsername());

        SalesforceGateway restarted = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
        assertThat(restarted.session().client().userInfo().getUserName()).isEqualTo(fx.org.adminUsername());

        OrgConnection c = fx.store.current().orElseThrow();
        fx.org.faults().revoke(fx.cipher.decrypt(c.encryptedRefreshToken().orElseThrow(), c.orgId()).reveal());
        SalesforceGateway afterRevoke = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
        assertThatThrownBy(afterRevoke::session).isInstanceOf(SalesforceUnavailable.ReconnectNeeded.class);
        assertThat(afterRevoke.status().state()).isEqualTo(SalesforceGateway.Status.State.RECONNECT_NEEDED);
    }

    @Test
    @DisplayName("surfaces REQUEST_LIMIT_EXCEEDED on a lookup as a pause, not a failure")
    void limitOnLookup() throws Exception {
        OrgSession session = fx.adminSession();
        session.schema().current();
        fx.org.faults().exhaustApiLimit();
        assertThatThrownBy(() -> session.lookup().find(query("alan.turing@bletchley.example")))
                .isInstanceOfSatisfying(SalesforceUnavailable.LimitReached.class,
                        e -> assertThat(e.resumeAt()).isPresent());
        assertThat(session.client().state()).isEqualTo(SalesforceClient.State.ACTIVE);
    }

    @Test
    @DisplayName("pauses before using the daily API requests reserved for other integrations")
    void dailyReserve() throws Exception {
        fx.connectAs(fx.org.adminUsername());
        long reserve = 15_000 - fx.org.apiCallsUsed() - 2;
        SalesforceConnector reserved = fx.connector(new PausePolicy(java.time.Duration.ofMinutes(30),
                java.time.Duration.ofMinutes(1), reserve));
        SalesforceClient client = reserved.reopen().orElseThrow();
        client.userInfo();
        client.userInfo();
        long before = fx.org.apiCallsUsed();
        assertThatThrownBy(client::userInfo).isInstanceOfSatisfying(SalesforceUnavailable.LimitReached.class, e -> {
            assertThat(e.getMessage()).contains("daily API requests left, the reserve is " + reserve);
            assertThat(e.resumeAt()).isPresent();
        });
        assertThat(fx.org.apiCallsUsed()).as("the reserve is not touched").isEqualTo(before);
    }
}
