package io.oncesync.server.cli;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.RetrySchedule;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncesync local-oncehub}: the local OnceHub alone, until interrupted. */
@Command(name = "local-oncehub", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a local OnceHub on 127.0.0.1 until Ctrl-C: the API v2 subset oncesync uses (webhooks,"
                + " bookings, booking calendars) with OnceHub's status codes and rate limits, a guest simulator, and a"
                + " sender that delivers signed events to every active subscription, retrying and disabling it as"
                + " OnceHub does. Prints its API URL, API key and control endpoints."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:stopped", "2:bad option", "3:cannot start (port in use?)"})
final class LocalOnceHubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9450", description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key to accept (default: a random one, printed).")
    String apiKey;

    @Option(names = "--allow-http-localhost", description = "Accept http://localhost and http://127.0.0.1 subscription"
            + " URLs (OnceHub accepts only https://; for tests and local trials without TLS).")
    boolean allowHttpLocalhost;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "1", description = "Run the retry schedule N times"
            + " faster (86400 makes OnceHub's 3-day give-up window take 3 seconds). Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--no-rate-limits", description = "Do not answer 429 past 5 requests/s and 200 per 5 minutes per IP.")
    boolean noRateLimits;

    private final Consumer<LocalOnceHub> awaitStop;

    LocalOnceHubCommand() {
        this(hub -> UntilShutdown.await());
    }

    LocalOnceHubCommand(Consumer<LocalOnceHub> awaitStop) {
        this.awaitStop = awaitStop;
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        LocalOnceHub hub;
        try {
            LocalOnceHub.Builder b = LocalOnceHub.builder().port(port).allowInsecureLocalUrls(allowHttpLocalhost)
                    .retrySchedule(RetrySchedule.ONCEHUB.compressed(timeScale));
            if (apiKey != null) {
                b.apiKey(apiKey);
            }
            if (noRateLimits) {
                b.rateLimits(0, 0);
            }
            hub = b.start();
        } catch (IllegalArgumentException e) {
            err.println("local-oncehub: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            err.println("local-oncehub: cannot start: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        try (hub) {
            var out = spec.commandLine().getOut();
            out.println(describe(hub));
            out.println("Ctrl-C stops it.");
            out.flush();
            awaitStop.accept(hub);
        }
        return ExitCodes.OK;
    }

    static String describe(LocalOnceHub hub) {
        String c = hub.baseUrl() + "/_localoncehub/";
        return String.join(System.lineSeparator(),
                "local OnceHub running",
                "  API URL (ONCESYNC_ONCEHUB_API_URL): " + hub.apiUrl(),
                "  API key (ONCESYNC_ONCEHUB_API_KEY): " + hub.apiKey(),
                "  state dump:      curl " + c + "state",
                "  book:            curl -d '{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}' " + c + "simulate/book",
                "  also:            " + c + "simulate/{reschedule,cancel,complete,no-show,form}, " + c + "faults");
    }
}
