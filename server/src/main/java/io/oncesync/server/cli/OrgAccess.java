package io.oncesync.server.cli;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.app.FileConnectionStore;
import io.oncesync.server.app.SharedConnectionStore;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.config.Secret;
import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.connect.OrgConnection;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A Salesforce org for a command-line tool: an in-process local org ({@code --local}), or the configured org (a
 * client-credentials grant, or the connection {@code serve} stored after an admin connected it). Closing stops the
 * local org.
 */
final class OrgAccess implements AutoCloseable {

    /** Why the org cannot be used, with the exit code to end on. */
    static final class Unusable extends Exception {
        final int exitCode;

        Unusable(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private final LocalOrg local;
    private final SalesforceGateway gateway;
    private final SalesforceClient client;
    private final String description;

    private OrgAccess(LocalOrg local, SalesforceGateway gateway, SalesforceClient client, String description) {
        this.local = local;
        this.gateway = gateway;
        this.client = client;
        this.description = description;
    }

    /** Starts a local org (standard schema plus {@code schema}, records from {@code seed}) and connects to it. */
    static OrgAccess local(Path schema, Path seed) throws Unusable {
        LocalOrg org;
        try {
            LocalOrg.Builder b = LocalOrg.builder().port(0);
            if (schema != null) {
                b.schemaExtension(schema);
            }
            if (seed != null) {
                b.seed(seed);
            }
            org = b.start();
        } catch (IllegalArgumentException e) {
            throw new Unusable("the local org does not start: " + e.getMessage(), ExitCodes.USAGE);
        } catch (RuntimeException e) {
            throw new Unusable("the local org does not start: " + e.getMessage(), ExitCodes.UNAVAILABLE);
        }
        try {
            OAuthSettings settings = new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()), null,
                    new LoginHost(LoginHost.Kind.PRODUCTION, URI.create(org.baseUrl())));
            return connect(settings, org, "the local org at " + org.baseUrl());
        } catch (Unusable | RuntimeException e) {
            org.close();
            throw e;
        }
    }

    /**
     * The configured org: with {@code ONCESYNC_SF_FLOW=client_credentials} a fresh client-credentials grant; with the
     * web-server flow the connection the server stored in {@code DATA_DIR} (refresh token decrypted with
     * {@code ONCESYNC_TOKEN_KEY}), exactly as {@code serve} reopens it after a restart.
     */
    static OrgAccess configured(Path configFile) throws Unusable {
        Config config;
        try {
            config = ConfigLoader.load(System.getenv(), Optional.ofNullable(configFile), ConfigLoader.Purpose.TOOL);
        } catch (ConfigException e) {
            throw new Unusable(e.getMessage(), ExitCodes.USAGE);
        }
        Config.Salesforce sf = config.salesforce();
        if (sf.clientId().isBlank() || sf.clientSecret().isEmpty()) {
            throw new Unusable("ONCESYNC_SF_CLIENT_ID and ONCESYNC_SF_CLIENT_SECRET are required to reach Salesforce"
                    + " (or pass --local)", ExitCodes.USAGE);
        }
        OAuthSettings settings;
        try {
            settings = new OAuthSettings(sf.clientId(), sf.clientSecret(), null, LoginHost.parse(sf.loginUrl()));
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage(), ExitCodes.USAGE);
        }
        if (sf.flow() == Config.OAuthFlow.CLIENT_CREDENTIALS) {
            return connect(settings, null, "the org at " + sf.loginUrl());
        }
        if (sf.tokenKey().isEmpty()) {
            throw new Unusable("ONCESYNC_TOKEN_KEY is needed to open the connection the server stored"
                    + " (or use ONCESYNC_SF_FLOW=client_credentials, or --local)", ExitCodes.USAGE);
        }
        TokenCipher cipher;
        try {
            cipher = TokenCipher.fromBase64Key(sf.tokenKey(), new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new Unusable("ONCESYNC_TOKEN_KEY: " + e.getMessage(), ExitCodes.USAGE);
        }
        // Several instances on PostgreSQL keep the connection in the database, one instance in its data directory.
        InboxDatabase db = null;
        ConnectionStore store;
        try {
            if (config.storage().embedded()) {
                store = new FileConnectionStore(config.storage().dataDir());
            } else {
                db = InboxDatabase.postgres(config.storage().jdbcUrl().orElseThrow(), config.storage().user(),
                        config.storage().password().reveal(), InboxOptions.defaults());
                store = new SharedConnectionStore(db.sharedState());
            }
        } catch (RuntimeException e) {
            throw new Unusable("cannot open the database holding the Salesforce connection: " + e.getMessage(),
                    ExitCodes.UNAVAILABLE);
        }
        try {
            return stored(settings, cipher, store, config);
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    private static OrgAccess stored(OAuthSettings settings, TokenCipher cipher, ConnectionStore store, Config config)
            throws Unusable {
        if (store.current().isEmpty()) {
            throw new Unusable("no Salesforce org is connected in " + (config.storage().embedded()
                    ? config.storage().dataDir() : "the shared database") + ": connect one through the"
                    + " running server (/connect/salesforce), use ONCESYNC_SF_FLOW=client_credentials, or pass --local",
                    ExitCodes.USAGE);
        }
        SalesforceConnector connector = new SalesforceConnector(settings, cipher, store, PausePolicy.DEFAULT,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
        SalesforceGateway gateway = new SalesforceGateway(connector, Clock.systemUTC(), Backoff.LOCK_CONTENTION);
        try {
            SalesforceClient client = gateway.session().client();
            OrgConnection c = store.current().orElseThrow();
            return new OrgAccess(null, gateway, client, "the connected org " + c.organizationName() + " (" + c.orgId()
                    + ", connected by " + c.username() + ")");
        } catch (SalesforceUnavailable e) {
            throw new Unusable("cannot open the stored connection: " + e.getMessage(), ExitCodes.UNAVAILABLE);
        }
    }

    private static OrgAccess connect(OAuthSettings settings, LocalOrg local, String description) throws Unusable {
        SecureRandom random = new SecureRandom();
        TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(random)), random);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        SalesforceConnector connector = new SalesforceConnector(settings, cipher, ConnectionStore.inMemory(),
                PausePolicy.DEFAULT, http, Clock.systemUTC());
        SalesforceGateway gateway = new SalesforceGateway(connector, Clock.systemUTC(), Backoff.LOCK_CONTENTION);
        ConnectResult result;
        try {
            result = gateway.accept(connector.connectWithClientCredentials());
        } catch (SalesforceUnavailable e) {
            throw new Unusable("cannot reach " + description + ": " + e.getMessage(), ExitCodes.UNAVAILABLE);
        }
        if (result instanceof ConnectResult.Refused refused) {
            throw new Unusable(description + " refused the connection: " + refused.message(), ExitCodes.UNAVAILABLE);
        }
        ConnectResult.Connected connected = (ConnectResult.Connected) result;
        return new OrgAccess(local, gateway, connected.client(),
                description + " (" + connected.connection().organizationName() + ", as " + connected.connection().username() + ")");
    }

    SalesforceGateway gateway() {
        return gateway;
    }

    SalesforceClient client() {
        return client;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }
}
