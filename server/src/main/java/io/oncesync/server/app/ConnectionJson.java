package io.oncesync.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OrgConnection;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** The stored form of an {@link OrgConnection} (the refresh token only as ciphertext), in a file or the database. */
final class ConnectionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectionJson() {
    }

    static String write(OrgConnection c) {
        ObjectNode n = JSON.createObjectNode().put("orgId", c.orgId()).put("organizationName", c.organizationName())
                .put("userId", c.userId()).put("username", c.username()).put("displayName", c.displayName())
                .put("loginHostKind", c.loginHost().kind().name()).put("loginHost", c.loginHost().uri().toString())
                .put("instanceUrl", c.instanceUrl()).put("grant", c.grant().name())
                .put("encryptedRefreshToken", c.encryptedRefreshToken().orElse(null))
                .put("connectedAt", c.connectedAt().toString());
        return n.toPrettyString();
    }

    /** @throws IOException or a RuntimeException when the text is not a stored connection */
    static OrgConnection read(String text) throws IOException {
        JsonNode n = JSON.readTree(text);
        return new OrgConnection(n.path("orgId").asText(), n.path("organizationName").asText(null),
                n.path("userId").asText(), n.path("username").asText(), n.path("displayName").asText(null),
                new LoginHost(LoginHost.Kind.valueOf(n.path("loginHostKind").asText()), URI.create(n.path("loginHost").asText())),
                n.path("instanceUrl").asText(), OrgConnection.Grant.valueOf(n.path("grant").asText()),
                Optional.ofNullable(n.path("encryptedRefreshToken").asText(null)),
                Instant.parse(n.path("connectedAt").asText()));
    }
}
