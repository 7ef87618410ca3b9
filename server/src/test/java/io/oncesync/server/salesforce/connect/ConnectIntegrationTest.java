package io.oncesync.server.salesforce.connect;

import io.oncesync.server.salesforce.OrgFixture;
import io.oncesync.server.salesforce.SalesforceClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connecting to an org through OAuth and the real Partner client")
class ConnectIntegrationTest {
    private OrgFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("connects a System Administrator and records who connected, when, and the refresh token encrypted")
    void adminConnects() throws Exception {
        fx = OrgFixture.start();
        Instant before = Instant.now();
        ConnectResult result = fx.connectAs(fx.org.adminUsername());

        assertThat(result).isInstanceOf(ConnectResult.Connected.class);
        OrgConnection c = fx.store.current().orElseThrow();
        assertThat(c.username()).isEqualTo(fx.org.adminUsername());
        assertThat(c.orgId()).startsWith("00D");
        assertThat(c.connectedAt()).isAfterOrEqualTo(before);
        assertThat(c.grant()).isEqualTo(OrgConnection.Grant.WEB_SERVER);
        String stored = c.encryptedRefreshToken().orElseThrow();
        assertThat(stored).startsWith("v1:");
        assertThat(fx.cipher.decrypt(stored, c.orgId()).reveal()).isNotBlank().isNotEqualTo(stored);
        assertThat(c.toString()).doesNotContain(stored);
        SalesforceClient client = ((ConnectResult.Connected) result).client();
        assertThat(client.instanceUrl()).isEqualTo(fx.org.baseUrl());
        assertThat(client.usage().limit()).as("LimitInfoHeader read").isPositive();
    }

    @Test
    @DisplayName("refuses a standard user with a message naming the missing permissions, and records nothing")
    void standardUserRefused() throws Exception {
        fx = OrgFixture.start();
        ConnectResult result = fx.connectAs(fx.org.standardUsername());

        assertThat(result).isInstanceOf(ConnectResult.Refused.class);
        ConnectResult.Refused refused = (ConnectResult.Refused) result;
        assertThat(refused.reason()).isEqualTo(ConnectResult.Reason.NOT_AN_ADMINISTRATOR);
        assertThat(refused.message()).startsWith("Only a System Administrator can connect oncesync to Salesforce: "
                + fx.org.standardUsername() + " lacks Modify All Data and Customize Application");
        assertThat(fx.store.current()).isEmpty();
    }

    @Test
    @DisplayName("accepts admins by permission, whether granted by a permission set or a profile with a translated name")
    void adminByPermissionNotName() throws Exception {
        fx = OrgFixture.start();
        assertThat(fx.connectAs(fx.org.permissionSetAdminUsername())).isInstanceOf(ConnectResult.Connected.class);
        assertThat(fx.connectAs(fx.org.localizedAdminUsername())).isInstanceOf(ConnectResult.Connected.class);
        assertThat(fx.store.current().orElseThrow().username()).isEqualTo(fx.org.localizedAdminUsername());
    }

    @Test
    @DisplayName("connects through a sandbox login host and reopens there after a restart")
    void sandboxHost() throws Exception {
        fx = OrgFixture.start(null, LoginHost.Kind.SANDBOX);
        assertThat(fx.connectAs(fx.org.adminUsername())).isInstanceOf(ConnectResult.Connected.class);
        OrgConnection c = fx.store.current().orElseThrow();
        assertThat(c.loginHost().isSandbox()).isTrue();

        SalesforceClient reopened = fx.connector.reopen().orElseThrow();
        assertThat(reopened.userInfo().getUserName()).isEqualTo(fx.org.adminUsername());
    }

    @Test
    @DisplayName("connects headless with client credentials, checking the run-as user too")
    void clientCredentials() throws Exception {
        fx = OrgFixture.start();
        ConnectResult result = fx.connector.connectWithClientCredentials();
        assertThat(result).isInstanceOf(ConnectResult.Connected.class);
        assertThat(fx.store.current().orElseThrow().grant()).isEqualTo(OrgConnection.Grant.CLIENT_CREDENTIALS);
        assertThat(fx.store.current().orElseThrow().encryptedRefreshToken()).isEmpty();
    }

    @Test
    @DisplayName("refuses a callback whose state is forged or used twice, and one the user denied")
    void stateIsChecked() throws Exception {
        fx = OrgFixture.start();
        Map<String, String> back = fx.authorize(fx.connector.beginConnect(), fx.org.adminUsername());
        assertThat(fx.connector.completeConnect("forged", back.get("code"), null, null))
                .isEqualTo(new ConnectResult.Refused(ConnectResult.Reason.UNKNOWN_OR_EXPIRED_STATE,
                        "This Salesforce callback does not belong to a connect started here in the last 10 minutes; start again."));
        assertThat(fx.connector.completeConnect(back.get("state"), back.get("code"), null, null))
                .isInstanceOf(ConnectResult.Connected.class);
        assertThat(fx.connector.completeConnect(back.get("state"), back.get("code"), null, null))
                .extracting(r -> ((ConnectResult.Refused) r).reason()).isEqualTo(ConnectResult.Reason.UNKNOWN_OR_EXPIRED_STATE);

        Map<String, String> denied = fx.authorize(fx.connector.beginConnect(), "nobody@nowhere.example");
        ConnectResult r = fx.connector.completeConnect(denied.get("state"), denied.get("code"), denied.get("error"),
                denied.get("error_description"));
        assertThat(((ConnectResult.Refused) r).reason()).isEqualTo(ConnectResult.Reason.AUTHORIZATION_DENIED);
        assertThat(((ConnectResult.Refused) r).message()).contains("access_denied");
    }
}
