package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * The connected app as configured by the admin: its consumer key and secret, the callback registered on it and the
 * login host. The secret redacts in {@code toString()}.
 */
public record OAuthSettings(String clientId, Secret clientSecret, URI redirectUri, LoginHost loginHost) {
    public OAuthSettings {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is blank");
        }
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(loginHost, "loginHost");
        if (redirectUri != null && !redirectUri.isAbsolute()) {
            throw new IllegalArgumentException("redirectUri '" + redirectUri + "' must be absolute");
        }
    }

    public OAuthSettings withLoginHost(LoginHost host) {
        return new OAuthSettings(clientId, clientSecret, redirectUri, host);
    }
}
