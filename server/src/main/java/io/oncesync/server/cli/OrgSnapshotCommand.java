package io.oncesync.server.cli;

import io.oncesync.server.config.Secret;
import io.oncesync.server.salesforce.connect.OAuthException;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.connect.TokenGrant;
import io.oncesync.server.salesforce.connect.TokenSource;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import io.oncesync.server.salesforce.schema.SchemaSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncesync org snapshot}: a connected org's describe, in the local org's schema file format. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write the org's describe (schema only, never data) to a file the local org loads.",
        description = {"Write the describe (schema only, never data) of the org's objects to a file the local org loads",
                "(local-org --schema FILE), so rules can be tried offline against your own fields and picklists.",
                "Reaches the configured org as serve does (client credentials or the stored connection), an org with an access token",
                "(--instance-url + ONCESYNC_SF_ACCESS_TOKEN), or a local org (--local)."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:written", "2:bad option or configuration", "3:Salesforce unreachable or refused, or the file cannot be written"})
final class OrgSnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the schema JSON (replaced atomically).")
    Path out;

    @Option(names = "--objects", split = ",", paramLabel = "NAME",
            description = "Objects to describe. Default: Lead, Contact, Event, Case, Account.")
    List<String> objects = SchemaSnapshot.DEFAULT_OBJECTS;

    @Option(names = "--local", description = "Snapshot an in-process local org instead of the configured one (for trying it out).")
    boolean local;

    @Option(names = "--local-schema", paramLabel = "FILE", description = "With --local: a schema extension for the local org.")
    Path localSchema;

    @Option(names = "--instance-url", paramLabel = "URL",
            description = "Reach this org with the access token in ONCESYNC_SF_ACCESS_TOKEN (e.g. from 'sf org display')"
                    + " instead of client credentials.")
    URI instanceUrl;

    @Mixin
    ConfigFileOption configFile;

    /** Environment variable holding an access token for {@code --instance-url}. */
    static final String ACCESS_TOKEN_ENV = "ONCESYNC_SF_ACCESS_TOKEN";

    private final Map<String, String> env;

    OrgSnapshotCommand() {
        this(System.getenv());
    }

    OrgSnapshotCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (instanceUrl != null) {
            return withAccessToken(o, err);
        }
        o.println(local ? "Starting a local org …" : "Connecting to Salesforce …");
        o.flush();
        try (OrgAccess org = local ? OrgAccess.local(localSchema, null) : OrgAccess.configured(configFile.path())) {
            o.println("Connected to " + org.description());
            o.println("Describing " + String.join(", ", objects) + " …");
            o.flush();
            int n = SchemaSnapshot.write(org.client(), objects, out);
            o.println("Wrote " + n + " objects to " + out.toAbsolutePath()
                    + " (" + org.client().usage().callsMade() + " API calls)");
            return ExitCodes.OK;
        } catch (OrgAccess.Unusable e) {
            err.println("org snapshot: " + e.getMessage());
            return e.exitCode;
        } catch (IllegalArgumentException e) {
            err.println("org snapshot: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SalesforceUnavailable e) {
            err.println("org snapshot: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (IOException e) {
            err.println("org snapshot: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }

    private int withAccessToken(PrintWriter o, PrintWriter err) {
        String token = env.get(ACCESS_TOKEN_ENV);
        if (local || token == null || token.isBlank()) {
            err.println("org snapshot: --instance-url needs an access token in " + ACCESS_TOKEN_ENV + " (and no --local)");
            return ExitCodes.USAGE;
        }
        try {
            TokenGrant grant = new TokenGrant(Secret.of(token.strip()), Optional.empty(), instanceUrl, "unknown", "unknown",
                    Instant.now());
            TokenSource none = () -> {
                throw new OAuthException("invalid_grant", "the access token from " + ACCESS_TOKEN_ENV + " expired", 0, null);
            };
            SalesforceClient client = SalesforceClient.open(grant, none, PausePolicy.DEFAULT, Clock.systemUTC());
            o.println("Describing " + String.join(", ", objects) + " at " + instanceUrl + " …");
            o.flush();
            int n = SchemaSnapshot.write(client, objects, out);
            o.println("Wrote " + n + " objects to " + out.toAbsolutePath() + " (" + client.usage().callsMade() + " API calls)");
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("org snapshot: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SalesforceUnavailable e) {
            err.println("org snapshot: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (IOException e) {
            err.println("org snapshot: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }
}
