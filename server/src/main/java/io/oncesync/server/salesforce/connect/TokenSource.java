package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;

/**
 * Where a new access token comes from when the session expires: a refresh-token grant (web-server flow) or a new
 * client-credentials grant (headless).
 */
@FunctionalInterface
public interface TokenSource {
    TokenGrant renew() throws OAuthException;

    static TokenSource refreshing(OAuthClient oauth, Secret refreshToken) {
        return () -> oauth.refresh(refreshToken);
    }

    static TokenSource clientCredentials(OAuthClient oauth) {
        return oauth::clientCredentials;
    }
}
