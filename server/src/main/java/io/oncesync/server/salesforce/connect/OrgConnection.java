package io.oncesync.server.salesforce.connect;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The org oncesync is connected to: who connected it and when, where to log in again, and (web-server flow) the
 * refresh token encrypted with {@link TokenCipher}. Client-credentials connections store no token: a new grant is
 * requested whenever needed.
 */
public record OrgConnection(String orgId, String organizationName, String userId, String username,
                            String displayName, LoginHost loginHost, String instanceUrl, Grant grant,
                            Optional<String> encryptedRefreshToken, Instant connectedAt) {

    public enum Grant { WEB_SERVER, CLIENT_CREDENTIALS }

    public OrgConnection {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(loginHost, "loginHost");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(encryptedRefreshToken, "encryptedRefreshToken");
        Objects.requireNonNull(connectedAt, "connectedAt");
        if (grant == Grant.WEB_SERVER && encryptedRefreshToken.isEmpty()) {
            throw new IllegalArgumentException("a web-server connection needs its (encrypted) refresh token");
        }
    }

    @Override
    public String toString() {
        return "OrgConnection[org=" + orgId + " (" + organizationName + "), user=" + username + ", host="
                + loginHost.uri() + " " + loginHost.kind() + ", instance=" + instanceUrl + ", grant=" + grant
                + ", refreshToken=" + (encryptedRefreshToken.isPresent() ? "[encrypted, redacted]" : "none")
                + ", connectedAt=" + connectedAt + "]";
    }
}
