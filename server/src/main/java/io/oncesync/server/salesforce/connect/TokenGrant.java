package io.oncesync.server.salesforce.connect;

import io.oncesync.server.salesforce.ApiVersion;

import io.oncesync.server.config.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful answer of {@code /services/oauth2/token}: the access token (used as the SOAP session id), the
 * instance to talk to, the identity URL {@code …/id/<orgId>/<userId>} and, for the web-server flow, a refresh token.
 */
public record TokenGrant(Secret accessToken, Optional<Secret> refreshToken, URI instanceUrl, String orgId,
                         String userId, Instant issuedAt) {
    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** The Partner SOAP endpoint on the instance: {@code {instance_url}/services/Soap/u/65.0}. */
    public String soapEndpoint() {
        String base = instanceUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/services/Soap/u/" + ApiVersion.VALUE;
    }
}
