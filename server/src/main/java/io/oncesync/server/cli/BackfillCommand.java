package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.oncehub.OnceHubClient;
import io.oncesync.server.oncehub.OnceHubException;
import io.oncesync.server.oncehub.OnceHubWiring;
import io.oncesync.server.oncehub.ReconcileReport;
import io.oncesync.server.oncehub.Reconciler;
import io.oncesync.server.oncehub.SubscriptionStore;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncesync backfill --since DATE}: every booking updated since then, into the inbox. */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fetch every OnceHub booking updated since DATE and queue each one whose latest state oncesync"
                + " has not applied into the inbox (the database serve uses), through the same dedupe and ordering as"
                + " webhooks; the running (or next) serve applies them. For first installs and recoveries.",
                "Routing forms and chatbot conversations are not fetched: OnceHub's API offers no list of them to poll."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:done", "2:bad usage or configuration", "3:OnceHub or the database could not be reached"})
final class BackfillCommand implements Callable<Integer> {
    private static final int BAR = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", required = true, paramLabel = "DATE",
            description = "A date (2026-11-01, midnight UTC) or an instant (2026-11-01T09:30:00Z).")
    String since;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant from;
        try {
            from = since.contains("T") ? Instant.parse(since) : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            err.println("backfill: --since must be a date (2026-11-01) or an instant (2026-11-01T09:30:00Z), was '" + since + "'");
            return ExitCodes.USAGE;
        }
        Optional<Config> loaded = ToolConfig.load(configFile.path(), err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Config cfg = loaded.get();
        try (InboxDatabase db = ToolConfig.openDatabase(cfg)) {
            Optional<Secret> key;
            try {
                TokenCipher cipher = TokenCipher.fromBase64Key(cfg.salesforce().tokenKey().isEmpty()
                        ? Secret.of(TokenCipher.newBase64Key(new SecureRandom())) : cfg.salesforce().tokenKey(),
                        new SecureRandom());
                key = OnceHubWiring.apiKey(cfg, OnceHubWiring.store(cfg, db), cipher);
            } catch (RuntimeException e) {
                err.println("backfill: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (key.isEmpty()) {
                err.println("backfill: no OnceHub API key: set ONCESYNC_ONCEHUB_API_KEY or run 'oncesync oncehub connect"
                        + " --api-key-stdin'");
                return ExitCodes.USAGE;
            }
            OnceHubClient client = OnceHubWiring.client(cfg, key.get());
            Clock clock = Clock.systemUTC();
            Reconciler r = new Reconciler(client, db.inbox(), db.ledger(), db.watermarks(), new EngineTriage(clock), clock);
            out.println("Backfilling OnceHub bookings updated since " + from + " …");
            out.flush();
            Instant now = clock.instant();
            ReconcileReport report = r.reconcile(from, (seen, reached) -> progress(err, from, now, seen, reached));
            err.println();
            out.println(report.summary());
            return ExitCodes.OK;
        } catch (OnceHubException e) {
            err.println();
            err.println("backfill: " + e.getMessage() + " (bookings queued so far stay queued; run it again to continue)");
            return e.status() == 401 ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE;
        } catch (RuntimeException e) {
            err.println();
            err.println("backfill: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }

    /** A bar over the time span: how far the pages (oldest update first) have got from --since to now. */
    private static void progress(PrintWriter err, Instant from, Instant to, int seen, Instant reached) {
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        double done = Math.min(1, Math.max(0, (reached.toEpochMilli() - from.toEpochMilli()) / span));
        int filled = (int) Math.round(done * BAR);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + Math.round(done * 100) + "%  "
                + seen + " bookings, up to " + reached);
        err.flush();
    }
}
