package io.oncesync.server.app;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.connect.PendingAuthorizations;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.oncesync.server.work.Backoff;
import io.oncesync.server.work.PauseSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce side of the composition root, from the configuration: the cipher for what is stored at rest, the
 * OAuth settings and connector, the pause policy, the gateway, and the headless connect of the client-credentials
 * flow.
 */
final class SalesforceWiring {
    // Logged under OncesyncApp, as before this was split out of it: start-up lines read as one story.
    private static final Logger LOG = LoggerFactory.getLogger(OncesyncApp.class);
    /** How long a started Salesforce connect waits for its callback (as {@link SalesforceConnector} allows). */
    private static final Duration CONNECT_FLOW_TTL = Duration.ofMinutes(10);

    private SalesforceWiring() {
    }

    /** Encrypts what is stored at rest (refresh token, OnceHub secrets); without TOKEN_KEY, a key for this run only. */
    static TokenCipher cipher(Config config) {
        Secret key = config.salesforce().tokenKey();
        return TokenCipher.fromBase64Key(key.isEmpty() ? Secret.of(TokenCipher.newBase64Key(new SecureRandom())) : key,
                new SecureRandom());
    }

    static SalesforceGateway gateway(Config config, OncesyncApp.Options options, ConnectionStore store, InboxDatabase db,
                                     TokenCipher cipher) {
        Config.Salesforce sf = config.salesforce();
        String clientId = sf.clientId().isBlank() ? "not-configured" : sf.clientId();
        URI redirect = sf.redirectUri().isBlank() ? null : URI.create(sf.redirectUri());
        OAuthSettings oauth = new OAuthSettings(clientId, sf.clientSecret(), redirect, loginHost(sf.loginUrl()));
        // Behind a load balancer the connect callback may reach another instance than the one that started the flow.
        PendingAuthorizations.Store pending = db.shared()
                ? new SharedPendingAuthorizations(db.sharedState(), cipher, CONNECT_FLOW_TTL)
                : PendingAuthorizations.Store.inMemory();
        SalesforceConnector connector = new SalesforceConnector(oauth, cipher, store, pauses(config, options),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), options.clock(), pending,
                sf.maxConcurrentCalls());
        return new SalesforceGateway(connector, options.clock(), Backoff.LOCK_CONTENTION);
    }

    /**
     * The configured daily API reserve, unless the options set one. With the default policy the longest pause is
     * the configured maximum ({@code SF_PAUSE_MAX_SECONDS}); the workers' {@link PauseSchedule} starts shorter.
     */
    static PausePolicy pauses(Config config, OncesyncApp.Options options) {
        PausePolicy p = options.pauses();
        if (p.equals(PausePolicy.DEFAULT)) {
            p = new PausePolicy(config.resilience().pauseMax(), config.resilience().pauseMax(), p.dailyApiReserve());
        }
        return p.dailyApiReserve() > 0 ? p
                : new PausePolicy(p.afterLimitReached(), p.afterUnreachable(), config.salesforce().dailyApiReserve());
    }

    static LoginHost loginHost(String url) {
        URI uri = URI.create(url.strip().replaceAll("/+$", ""));
        if (uri.equals(LoginHost.PRODUCTION_URI)) {
            return LoginHost.production();
        }
        if (uri.equals(LoginHost.SANDBOX_URI)) {
            return LoginHost.sandbox();
        }
        return LoginHost.parse(uri.toString());
    }

    /** The client-credentials flow needs no admin click: connect now if nothing is stored yet. */
    static void connectHeadless(Config config, SalesforceGateway gateway) {
        if (config.salesforce().flow() != Config.OAuthFlow.CLIENT_CREDENTIALS || config.salesforce().clientId().isBlank()
                || gateway.connector().connection().isPresent()) {
            return;
        }
        try {
            ConnectResult r = gateway.accept(gateway.connector().connectWithClientCredentials());
            if (r instanceof ConnectResult.Connected c) {
                LOG.info("connected to Salesforce org {} as {} (client credentials)", c.connection().orgId(),
                        c.connection().username());
            } else {
                LOG.warn("Salesforce refused the client-credentials connect: {}", ((ConnectResult.Refused) r).message());
            }
        } catch (Exception e) {
            LOG.warn("could not connect to Salesforce yet ({}); webhooks are accepted and synced once it answers",
                    e.getMessage());
        }
    }
}
