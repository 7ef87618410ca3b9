package io.oncesync.server.salesforce.connect;

import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.server.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Connecting oncesync to an org. Web-server flow: {@link #beginConnect} gives the authorize URL (PKCE S256 and a
 * one-time {@code state}); {@link #completeConnect} takes the callback, exchanges the code, checks the user is a
 * System Administrator and records who connected and when, with the refresh token encrypted. Headless
 * deployments use {@link #connectWithClientCredentials}. {@link #reopen} turns the stored connection back into a
 * client after a restart. Blocking: call from a worker thread, never from an event loop.
 */
public final class SalesforceConnector {
    private final OAuthSettings settings;
    private final TokenCipher cipher;
    private final ConnectionStore store;
    private final PendingAuthorizations pending;
    private final PausePolicy pauses;
    private final HttpClient http;
    private final Clock clock;
    private final int maxConcurrentCalls;

    public SalesforceConnector(OAuthSettings settings, TokenCipher cipher, ConnectionStore store, PausePolicy pauses,
                               HttpClient http, Clock clock) {
        this(settings, cipher, store, pauses, http, clock, PendingAuthorizations.Store.inMemory());
    }

    /** @param pendingStore where started connect flows wait for their callback (shared by several instances) */
    public SalesforceConnector(OAuthSettings settings, TokenCipher cipher, ConnectionStore store, PausePolicy pauses,
                               HttpClient http, Clock clock, PendingAuthorizations.Store pendingStore) {
        this(settings, cipher, store, pauses, http, clock, pendingStore, SalesforceClient.DEFAULT_MAX_CONCURRENT_CALLS);
    }

    /** @param maxConcurrentCalls the most Partner calls the connected client makes at once */
    public SalesforceConnector(OAuthSettings settings, TokenCipher cipher, ConnectionStore store, PausePolicy pauses,
                               HttpClient http, Clock clock, PendingAuthorizations.Store pendingStore,
                               int maxConcurrentCalls) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.store = Objects.requireNonNull(store, "store");
        this.pauses = Objects.requireNonNull(pauses, "pauses");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pending = new PendingAuthorizations(new SecureRandom(), clock, Duration.ofMinutes(10), pendingStore);
    }

    public SalesforceConnector(OAuthSettings settings, TokenCipher cipher, ConnectionStore store) {
        this(settings, cipher, store, PausePolicy.DEFAULT,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    /** The authorize URL on the configured login host. */
    public URI beginConnect() {
        return beginConnect(settings.loginHost());
    }

    /** The authorize URL on {@code host} (production, sandbox or My Domain, as chosen in the Connect pop-up). */
    public URI beginConnect(LoginHost host) {
        PendingAuthorizations.Pending p = pending.start(host);
        return oauth(host).authorizeUrl(p.state(), p.pkce());
    }

    /**
     * Handles the callback's query parameters. {@code error} is set (and {@code code} absent) when the user
     * denied access on Salesforce's page.
     */
    public ConnectResult completeConnect(String state, String code, String error, String errorDescription)
            throws SalesforceUnavailable {
        Optional<PendingAuthorizations.Pending> flow = pending.take(state);
        if (flow.isEmpty()) {
            return new ConnectResult.Refused(ConnectResult.Reason.UNKNOWN_OR_EXPIRED_STATE,
                    "This Salesforce callback does not belong to a connect started here in the last 10 minutes; start again.");
        }
        if (error != null || code == null || code.isBlank()) {
            return new ConnectResult.Refused(ConnectResult.Reason.AUTHORIZATION_DENIED, "Salesforce did not authorize oncesync: "
                    + (error == null ? "no code returned" : error + (errorDescription == null ? "" : " (" + errorDescription + ")")));
        }
        OAuthClient oauth = oauth(flow.get().loginHost());
        TokenGrant grant;
        try {
            grant = oauth.exchangeCode(code, flow.get().pkce());
        } catch (OAuthException e) {
            return new ConnectResult.Refused(ConnectResult.Reason.TOKEN_REFUSED,
                    "Salesforce refused the authorization code: " + e.getMessage());
        }
        if (grant.refreshToken().isEmpty()) {
            return new ConnectResult.Refused(ConnectResult.Reason.TOKEN_REFUSED, "Salesforce issued no refresh token;"
                    + " add the 'refresh_token, offline_access' scope to the connected app.");
        }
        Secret refresh = grant.refreshToken().get();
        SalesforceClient client = SalesforceClient.open(grant, TokenSource.refreshing(oauth, refresh), pauses, clock, maxConcurrentCalls);
        return admit(client, grant, flow.get().loginHost(), OrgConnection.Grant.WEB_SERVER,
                Optional.of(cipher.encrypt(refresh, grant.orgId())));
    }

    /** Headless: the connected app's run-as user must be a System Administrator too. */
    public ConnectResult connectWithClientCredentials() throws SalesforceUnavailable {
        OAuthClient oauth = oauth(settings.loginHost());
        TokenGrant grant;
        try {
            grant = oauth.clientCredentials();
        } catch (OAuthException e) {
            URI host = settings.loginHost().uri();
            boolean generic = host.equals(LoginHost.PRODUCTION_URI) || host.equals(LoginHost.SANDBOX_URI);
            return new ConnectResult.Refused(ConnectResult.Reason.TOKEN_REFUSED,
                    "Salesforce refused the client-credentials grant: " + e.getMessage() + (generic
                            ? "; the client-credentials flow must use the org's My Domain URL"
                            + " (https://<domain>.my.salesforce.com), not " + host : ""));
        }
        SalesforceClient client = SalesforceClient.open(grant, TokenSource.clientCredentials(oauth), pauses, clock, maxConcurrentCalls);
        return admit(client, grant, settings.loginHost(), OrgConnection.Grant.CLIENT_CREDENTIALS, Optional.empty());
    }

    /**
     * A client for the stored connection, with a fresh access token; empty when nothing is connected.
     *
     * @throws SalesforceUnavailable.ReconnectNeeded when the stored refresh token was revoked or no longer decrypts
     */
    public Optional<SalesforceClient> reopen() throws SalesforceUnavailable {
        Optional<OrgConnection> stored = store.current();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OrgConnection c = stored.get();
        OAuthClient oauth = oauth(c.loginHost());
        TokenSource source;
        if (c.grant() == OrgConnection.Grant.WEB_SERVER) {
            Secret refresh;
            try {
                refresh = cipher.decrypt(c.encryptedRefreshToken().orElseThrow(), c.orgId());
            } catch (IllegalArgumentException e) {
                throw new SalesforceUnavailable.ReconnectNeeded("reopen", "the stored refresh token " + e.getMessage(), null);
            }
            source = TokenSource.refreshing(oauth, refresh);
        } else {
            source = TokenSource.clientCredentials(oauth);
        }
        try {
            return Optional.of(SalesforceClient.open(source.renew(), source, pauses, clock, maxConcurrentCalls));
        } catch (OAuthException e) {
            if (e.isTransient()) {
                throw new SalesforceUnavailable.Unreachable("reopen", e.getMessage(), clock.instant().plus(pauses.afterUnreachable()), e);
            }
            throw new SalesforceUnavailable.ReconnectNeeded("reopen", "Salesforce refused the stored grant (" + e.error() + ")", e);
        }
    }

    public Optional<OrgConnection> connection() {
        return store.current();
    }

    /** Forgets the stored connection (its encrypted refresh token included); the next sync needs a Connect. */
    public void disconnect() {
        store.clear();
    }

    private ConnectResult admit(SalesforceClient client, TokenGrant grant, LoginHost host, OrgConnection.Grant kind,
                                Optional<String> encryptedRefresh) throws SalesforceUnavailable {
        AdminCheck.Verdict verdict = AdminCheck.check(client);
        if (!verdict.isAdmin()) {
            return new ConnectResult.Refused(ConnectResult.Reason.NOT_AN_ADMINISTRATOR, verdict.refusal());
        }
        OrgConnection connection = new OrgConnection(grant.orgId(), verdict.organizationName(), verdict.userId(),
                verdict.username(), verdict.displayName(), host, grant.instanceUrl().toString(), kind, encryptedRefresh,
                clock.instant());
        store.save(connection);
        return new ConnectResult.Connected(connection, client);
    }

    private OAuthClient oauth(LoginHost host) {
        return new OAuthClient(settings.withLoginHost(host), http, clock);
    }
}
