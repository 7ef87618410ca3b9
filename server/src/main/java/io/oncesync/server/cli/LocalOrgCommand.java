package io.oncesync.server.cli;

import io.oncesync.localorg.LocalOrg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncesync local-org}: the local Salesforce org alone, until interrupted (the options of LocalOrgMain). */
@Command(name = "local-org", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the local Salesforce org (Partner SOAP 65.0 + OAuth on 127.0.0.1) until Ctrl-C.",
                "Prints its URL, the connected app's client id and secret, and the seeded users."},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:stopped", "2:bad option or unreadable file", "3:cannot start (port in use?)"})
final class LocalOrgCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9440", description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--schema", paramLabel = "FILE", description = "Describe-shaped JSON adding fields and objects (e.g. from 'org snapshot').")
    Path schema;

    @Option(names = "--seed", paramLabel = "FILE", description = "Records to start with (the /_localorg/dump format).")
    Path seed;

    @Option(names = "--daily-limit", paramLabel = "N", description = "Daily API request allowance. Default: the local org's.")
    Long dailyLimit;

    @Option(names = "--allow-old-login", description = "Allow the SOAP login() call on API versions up to 64.0.")
    boolean allowOldLogin;

    /** Blocks until the org should stop; tests replace it. */
    private final Consumer<LocalOrg> awaitStop;

    LocalOrgCommand() {
        this(org -> UntilShutdown.await());
    }

    LocalOrgCommand(Consumer<LocalOrg> awaitStop) {
        this.awaitStop = awaitStop;
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        for (Path p : new Path[] {schema, seed}) {
            if (p != null && !Files.isReadable(p)) {
                err.println("local-org: " + p + " does not exist or is not readable");
                return ExitCodes.USAGE;
            }
        }
        if (port < 0 || port > 65535) {
            err.println("local-org: --port must be between 0 and 65535, got " + port);
            return ExitCodes.USAGE;
        }
        LocalOrg org;
        try {
            LocalOrg.Builder b = LocalOrg.builder().port(port).allowLoginOnOldVersions(allowOldLogin);
            if (schema != null) {
                b.schemaExtension(schema);
            }
            if (seed != null) {
                b.seed(seed);
            }
            if (dailyLimit != null) {
                b.dailyApiLimit(dailyLimit);
            }
            org = b.start();
        } catch (IllegalArgumentException e) {
            err.println("local-org: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            err.println("local-org: cannot start: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        try (org) {
            var out = spec.commandLine().getOut();
            out.println(describe(org));
            out.println("Ctrl-C stops it.");
            out.flush();
            awaitStop.accept(org);
        }
        return ExitCodes.OK;
    }

    static String describe(LocalOrg org) {
        return String.join(System.lineSeparator(),
                "local Salesforce org running",
                "  instance URL / OAuth host: " + org.baseUrl(),
                "  SOAP endpoint:             " + org.soapEndpoint(),
                "  client id:                 " + org.clientId(),
                "  client secret:             " + org.clientSecret(),
                "  admin user:                " + org.adminUsername(),
                "  standard user:             " + org.standardUsername(),
                "  control endpoint:          " + org.baseUrl() + "/_localorg/faults");
    }
}
