package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.oncehub.OnceHubClient;
import io.oncesync.server.oncehub.OnceHubException;
import io.oncesync.server.oncehub.OnceHubWiring;
import io.oncesync.server.oncehub.Subscription;
import io.oncesync.server.oncehub.SubscriptionStore;
import io.oncesync.server.oncehub.WebhookInfo;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code oncesync oncehub connect|status|rotate-secret|disconnect}: the webhook subscription oncesync manages. */
@Command(name = "oncehub", mixinStandardHelpOptions = true,
        description = {"Manage the OnceHub webhook subscription for ONCESYNC_PUBLIC_URL/webhooks/oncehub, using"
                + " ONCESYNC_ONCEHUB_API_KEY (or the key stored by 'connect --api-key-stdin'). Secrets are stored"
                + " encrypted with ONCESYNC_TOKEN_KEY in DATA_DIR; a running serve picks changes up by itself."},
        subcommands = {OnceHubCommand.Connect.class, OnceHubCommand.Status.class, OnceHubCommand.RotateSecret.class,
                OnceHubCommand.Disconnect.class},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:done", "1:the subscription has a problem (status)", "2:bad usage or configuration",
                "3:OnceHub refused or could not be reached"})
final class OnceHubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Optional properties file (keys oncesync.*); the environment wins.")
    Path config;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** What every subcommand needs; the API key may be absent until {@code connect --api-key-stdin}. */
    record Context(Config config, Subscription subscription, SubscriptionStore store, TokenCipher cipher) {
    }

    interface Action {
        int run(Context c, PrintWriter out) throws OnceHubException;
    }

    int with(CommandSpec sub, Optional<Secret> givenKey, Action action) {
        PrintWriter out = sub.commandLine().getOut();
        PrintWriter err = sub.commandLine().getErr();
        Optional<Config> loaded = ToolConfig.load(config, err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Config cfg = loaded.get();
        if (cfg.salesforce().tokenKey().isEmpty()) {
            err.println("oncehub: ONCESYNC_TOKEN_KEY is required: the subscription's signing secret is stored encrypted with it");
            return ExitCodes.USAGE;
        }
        // One instance keeps the subscription in its data directory; instances sharing PostgreSQL in the database.
        try (InboxDatabase db = ToolConfig.openDatabase(cfg)) {
            TokenCipher cipher = TokenCipher.fromBase64Key(cfg.salesforce().tokenKey(), new SecureRandom());
            SubscriptionStore store = OnceHubWiring.store(cfg, db);
            Optional<Secret> key = givenKey.or(() -> OnceHubWiring.apiKey(cfg, store, cipher));
            if (key.isEmpty()) {
                err.println("oncehub: no API key: set ONCESYNC_ONCEHUB_API_KEY or run 'oncesync oncehub connect --api-key-stdin'");
                return ExitCodes.USAGE;
            }
            OnceHubClient client = OnceHubWiring.client(cfg, key.get());
            Subscription s = OnceHubWiring.subscription(cfg, client, store, cipher, Clock.systemUTC());
            int code = action.run(new Context(cfg, s, store, cipher), out);
            out.flush();
            return code;
        } catch (OnceHubException e) {
            err.println("oncehub: " + e.getMessage());
            return e.status() == 0 && e.getCause() == null ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE;
        } catch (RuntimeException e) {
            err.println("oncehub: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Create the subscription (every event type oncesync handles) and store its secret, or adopt"
                    + " an active one of the same name that already points here.")
    static final class Connect implements Callable<Integer> {
        @ParentCommand
        OnceHubCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--api-key-stdin", description = "Read the OnceHub API key from standard input and store it"
                + " encrypted (instead of ONCESYNC_ONCEHUB_API_KEY).")
        boolean apiKeyStdin;

        @Option(names = "--recreate", description = "Delete a same-named subscription and create it afresh (new secret).")
        boolean recreate;

        @Override
        public Integer call() throws IOException {
            Optional<Secret> given = Optional.empty();
            if (apiKeyStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isBlank()) {
                    spec.commandLine().getErr().println("oncehub connect: no API key on standard input");
                    return ExitCodes.USAGE;
                }
                given = Optional.of(Secret.of(line.strip()));
            }
            Optional<Secret> key = given;
            return parent.with(spec, given, (c, out) -> {
                String what = c.subscription().connect(recreate);
                key.ifPresent(k -> c.subscription().storeApiKey(k));
                out.println("OnceHub subscription: " + what);
                key.ifPresent(k -> out.println("API key stored encrypted in " + c.store().where()));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Check the subscription: exists, active, pointing at ONCESYNC_PUBLIC_URL (exit 1 when not).")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        OnceHubCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return parent.with(spec, Optional.empty(), (c, out) -> {
                Subscription.Health h = c.subscription().check();
                out.println(h.state() + ": " + h.detail());
                h.webhook().map(WebhookInfo::events).ifPresent(e -> out.println("events: " + String.join(", ", e)));
                if (h.state() == Subscription.State.UNREACHABLE) {
                    return ExitCodes.UNAVAILABLE;
                }
                return h.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            });
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Replace the subscription (OnceHub has no update call) to get a new signing secret; the old"
                    + " one stays accepted for ONCESYNC_ONCEHUB_SECRET_OVERLAP_SECONDS.")
    static final class RotateSecret implements Callable<Integer> {
        @ParentCommand
        OnceHubCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return parent.with(spec, Optional.empty(), (c, out) -> {
                out.println(c.subscription().rotateSecret(c.config().oncehub().secretOverlap()).summary());
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = "Delete the managed subscription in OnceHub and forget its secrets.")
    static final class Disconnect implements Callable<Integer> {
        @ParentCommand
        OnceHubCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return parent.with(spec, Optional.empty(), (c, out) -> {
                out.println(c.subscription().disconnect() ? "deleted the subscription; webhooks stop now"
                        : "no subscription was managed");
                return ExitCodes.OK;
            });
        }
    }
}
