package io.oncesync.server.cli;

import io.oncesync.server.config.Config;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncesync resume}: end a pause of syncing now, on the running server, through its admin API
 * ({@code POST /admin/sync/resume} with ONCESYNC_ADMIN_TOKEN). A pause lives in the server's memory, so this asks
 * the server rather than the database.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        header = "End a pause of syncing to Salesforce now, once its cause is fixed.",
        description = {"End a pause of syncing to Salesforce now (after an API-limit or outage pause whose cause is",
                "fixed), on the running server, through its admin API with ONCESYNC_ADMIN_TOKEN. The resume is",
                "written to the server's audit log."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:syncing runs (it was paused and is resumed, or was not paused)", "2:bad usage or configuration",
                "3:the server could not be reached or refused the request"})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the running server; default http://127.0.0.1:ONCESYNC_HTTP_PORT.")
    String url;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Config> loaded = ToolConfig.load(configFile.path(), err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Config cfg = loaded.get();
        if (cfg.admin().token().reveal().isEmpty()) {
            err.println("resume: set ONCESYNC_ADMIN_TOKEN to the running server's admin token");
            return ExitCodes.USAGE;
        }
        String base = url != null ? url.replaceAll("/+$", "") : "http://127.0.0.1:" + cfg.http().port();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/admin/sync/resume"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + cfg.admin().token().reveal())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("resume: " + base + " answered " + r.statusCode() + ": " + r.body());
                return ExitCodes.UNAVAILABLE;
            }
            JsonObject body = new JsonObject(r.body());
            out.println(body.getBoolean("resumed", false) ? "Syncing resumed; waiting events are being synced now."
                    : "Syncing was not paused; nothing to do.");
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("resume: cannot reach the server at " + base + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.UNAVAILABLE;
        }
    }
}
