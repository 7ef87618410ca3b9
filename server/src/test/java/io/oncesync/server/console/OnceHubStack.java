package io.oncesync.server.console;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.Simulator;
import io.oncesync.localoncehub.Webhook;
import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.app.Harness;
import io.oncesync.server.app.OnceHubHarness;
import io.oncesync.server.app.OncesyncApp;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A local org, a local OnceHub and {@code serve} managing its subscription on it (ONCESYNC_PUBLIC_URL set), with
 * the default watch and poll intervals, so nothing but the admin re-creates a deleted webhook during a test.
 */
final class OnceHubStack implements AutoCloseable {
    final LocalOrg org;
    final LocalOnceHub hub;
    final OncesyncApp app;
    private final Path dir;

    private OnceHubStack(LocalOrg org, LocalOnceHub hub, OncesyncApp app, Path dir) {
        this.org = org;
        this.hub = hub;
        this.app = app;
        this.dir = dir;
    }

    static OnceHubStack start() throws Exception {
        Path dir = Files.createTempDirectory("oncesync-oncehub-console-");
        LocalOrg org = LocalOrg.builder().port(0).start();
        LocalOnceHub hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).start();
        try {
            int port = OnceHubHarness.freePort();
            Map<String, String> env = OnceHubHarness.env(org, hub, dir, port);
            OncesyncApp app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE),
                    Harness.testOptions().withModules(RouteModules.installed()));
            OnceHubStack stack = new OnceHubStack(org, hub, app, dir);
            Harness.awaitTrue(() -> stack.activeWebhook().isPresent(), Duration.ofSeconds(20),
                    () -> "no active subscription: " + hub.webhooks());
            return stack;
        } catch (Exception | Error e) {
            hub.close();
            org.close();
            Harness.deleteTree(dir);
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    Optional<Webhook> activeWebhook() {
        return hub.webhooks().stream().filter(Webhook::active).findFirst();
    }

    /** A booking whose webhook OnceHub loses, so only reconciliation brings it in. */
    String missedBooking(String email) throws InterruptedException {
        hub.faults().dropPercent(100);
        try {
            String id = hub.simulator().book(new Simulator.Guest("Guest " + email.substring(0, email.indexOf('@')), email,
                    null, "Acme"), "BKC-SALES00001", Instant.now().plus(Duration.ofDays(5)), 30);
            hub.awaitDeliveries(Duration.ofSeconds(10));
            return id;
        } finally {
            hub.faults().dropPercent(0);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            hub.close();
            org.close();
            Harness.deleteTree(dir);
        }
    }
}
