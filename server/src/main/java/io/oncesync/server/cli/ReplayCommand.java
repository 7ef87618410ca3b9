package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.oncesync.server.inbox.AuditLog;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.InboxUnavailable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oncesync replay}: make failed deliveries due again; the running server's workers apply them. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Make failed (dead-lettered) deliveries due again, in the database the server uses.",
        description = {"Make failed (dead-lettered) deliveries due again, in the database the server uses",
                "(ONCESYNC_DATA_DIR or ONCESYNC_DB_URL); the running server's workers then apply them.",
                "Give inbox ids or OnceHub event ids, or --all-failed. Each replay is written to the audit log."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:every chosen delivery is due again (or none had failed)",
                "1:some chosen deliveries were not found or had not failed", "2:bad usage or configuration",
                "3:the database is unavailable"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Inbox ids or OnceHub event ids of failed deliveries.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all-failed", description = "Replay every failed delivery.")
    boolean allFailed;

    @Option(names = "--list", description = "Only list the failed deliveries (id, event, error); change nothing.")
    boolean list;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!list && allFailed != ids.isEmpty()) {
            err.println("replay: give delivery ids, or --all-failed (or --list to see them), not both");
            return ExitCodes.USAGE;
        }
        Optional<Config> loaded = ToolConfig.load(configFile.path(), err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Config cfg = loaded.get();
        Config.Storage s = cfg.storage();
        out.println("Opening " + (s.embedded() ? s.dataDir().resolve(InboxDatabase.SQLITE_FILE) : s.jdbcUrl().get()) + " …");
        out.flush();
        try (InboxDatabase db = ToolConfig.openDatabase(cfg)) {
            return list ? list(db.inbox(), out) : replay(db.inbox(), db.audit(), out, err);
        } catch (InboxUnavailable | IllegalStateException e) {
            err.println("replay: the database is unavailable: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (RuntimeException e) {
            err.println("replay: cannot open the database: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }

    private int list(InboxStore inbox, PrintWriter out) {
        List<InboxEntry> dead = inbox.list(InboxStatus.DEAD, 10_000);
        dead.forEach(e -> out.println("#" + e.id() + "  " + e.eventId() + "  " + e.type() + "  attempts=" + e.attempts()
                + "  " + (e.lastError() == null ? "" : e.lastError())));
        out.println(dead.size() + " failed deliveries");
        return ExitCodes.OK;
    }

    private int replay(InboxStore inbox, AuditLog audit, PrintWriter out, PrintWriter err) {
        String actor = "cli:" + System.getProperty("user.name", "unknown");
        List<String> chosen = new ArrayList<>(ids);
        if (allFailed) {
            inbox.list(InboxStatus.DEAD, 100_000).forEach(e -> chosen.add(Long.toString(e.id())));
            if (chosen.isEmpty()) {
                out.println("No failed deliveries.");
                return ExitCodes.OK;
            }
        }
        int done = 0;
        int refused = 0;
        for (int i = 0; i < chosen.size(); i++) {
            String id = chosen.get(i);
            String progress = "[" + (i + 1) + "/" + chosen.size() + "] ";
            Optional<InboxEntry> entry = id.matches("\\d{1,18}") ? inbox.find(Long.parseLong(id)) : inbox.findByEventId(id);
            if (entry.isEmpty()) {
                err.println(progress + id + ": no such delivery");
                refused++;
                continue;
            }
            InboxEntry e = entry.get();
            // A waiting event (e.g. held by a pause) is queued now; an applied, ignored or running one is left alone.
            if (!(e.status() == InboxStatus.DEAD || e.status() == InboxStatus.RECEIVED || e.status() == InboxStatus.RETRY)
                    || !inbox.replay(e.id())) {
                err.println(progress + "#" + e.id() + " " + e.eventId() + ": not failed or waiting (" + e.status()
                        + "), left alone");
                audit.record(actor, "replay", "delivery " + e.id(), "refused", "status was " + e.status());
                refused++;
                continue;
            }
            audit.record(actor, "replay", "delivery " + e.id(), "ok", e.eventId() + " is due again");
            out.println(progress + "#" + e.id() + " " + e.eventId() + " is due again"
                    + (e.lastError() == null ? "" : " (failed with: " + e.lastError() + ")"));
            out.flush();
            done++;
        }
        out.println(done + " replayed, " + refused + " not replayed");
        return refused == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
