package io.oncesync.server.salesforce;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncesync schema-snapshot --out FILE}: writes a real org's describe of Lead, Contact, Event, Case and
 * Account (schema only, never records) in the local org's schema format, so rules can be tried locally against
 * the org's own required fields and picklists ({@code LocalOrg.builder().schemaExtension(FILE)}). Connects with an
 * access token given in the environment ({@code --instance-url} + {@code ONCESYNC_SF_ACCESS_TOKEN}, e.g. from
 * {@code sf org display}) or, without {@code --instance-url}, with the configured connected app's client credentials.
 */
@Command(name = "schema-snapshot", mixinStandardHelpOptions = true,
        description = "Write a Salesforce org's describe (schema only, no data) in the local org's schema format.")
public final class SchemaSnapshotCommand implements Callable<Integer> {
    /** Environment variable holding an access token for {@code --instance-url}. */
    public static final String ACCESS_TOKEN_ENV = "ONCESYNC_SF_ACCESS_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the schema JSON.")
    Path out;

    @Option(names = "--objects", split = ",", paramLabel = "NAME", description = "Objects to describe (default: ${DEFAULT-VALUE}).",
            defaultValue = "Lead,Contact,Event,Case,Account")
    List<String> objects;

    @Option(names = "--instance-url", paramLabel = "URL", description = "The org's instance URL, with " + ACCESS_TOKEN_ENV + ".")
    URI instanceUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "Optional properties file (for client credentials).")
    Path configFile;

    private final Map<String, String> env;

    public SchemaSnapshotCommand() {
        this(System.getenv());
    }

    SchemaSnapshotCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        try {
            SalesforceClient client = instanceUrl != null ? withAccessToken() : withClientCredentials();
            int n = SchemaSnapshot.write(client, objects, out);
            spec.commandLine().getOut().println("wrote the describe of " + n + " objects to " + out.toAbsolutePath()
                    + " (" + client.usage().callsMade() + " API call)");
            return 0;
        } catch (IllegalArgumentException | ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        } catch (SalesforceUnavailable e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }

    private SalesforceClient withAccessToken() {
        String token = env.get(ACCESS_TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--instance-url needs an access token in " + ACCESS_TOKEN_ENV);
        }
        TokenGrant grant = new TokenGrant(Secret.of(token.strip()), Optional.empty(), instanceUrl, "unknown", "unknown",
                Instant.now());
        TokenSource none = () -> {
            throw new OAuthException("invalid_grant", "the access token from " + ACCESS_TOKEN_ENV + " expired", 0, null);
        };
        return SalesforceClient.open(grant, none, PausePolicy.DEFAULT, Clock.systemUTC());
    }

    private SalesforceClient withClientCredentials() throws ConfigException, SalesforceUnavailable {
        Config config = ConfigLoader.load(env, Optional.ofNullable(configFile), ConfigLoader.Purpose.TOOL);
        Config.Salesforce sf = config.salesforce();
        if (sf.clientId().isBlank()) {
            throw new IllegalArgumentException("give --instance-url with " + ACCESS_TOKEN_ENV
                    + ", or configure ONCESYNC_SF_CLIENT_ID and ONCESYNC_SF_CLIENT_SECRET for client credentials");
        }
        OAuthSettings oauth = new OAuthSettings(sf.clientId(), sf.clientSecret(), null, LoginHost.parse(sf.loginUrl()));
        TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(new SecureRandom())), new SecureRandom());
        ConnectResult r = new SalesforceConnector(oauth, cipher, ConnectionStore.inMemory()).connectWithClientCredentials();
        if (r instanceof ConnectResult.Connected c) {
            return c.client();
        }
        throw new IllegalArgumentException(((ConnectResult.Refused) r).message());
    }
}
