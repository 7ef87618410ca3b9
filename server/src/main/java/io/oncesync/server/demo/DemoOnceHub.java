package io.oncesync.server.demo;

import io.oncesync.server.app.OncesyncApp;
import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.RetrySchedule;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.oncehub.OnceHubException;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.OnceHubWiring;
import io.oncesync.server.oncehub.Subscription;
import io.oncesync.server.oncehub.SubscriptionStore;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The demo's OnceHub: a local OnceHub whose subscription oncesync creates through the API like in production, so the
 * demo's webhooks travel local OnceHub → signed POST → oncesync → local org. Its retry schedule runs 86,400 times
 * faster (the three-day give-up window in three seconds), in case someone stops the server while trying things.
 */
final class DemoOnceHub implements AutoCloseable {
    private final LocalOnceHub hub;

    private DemoOnceHub(LocalOnceHub hub) {
        this.hub = hub;
    }

    static DemoOnceHub start() {
        return new DemoOnceHub(LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true)
                .retrySchedule(RetrySchedule.ONCEHUB.compressed(86_400)).start());
    }

    /** What oncesync needs to reach it (the public URL is set once the server's port is known). */
    Map<String, String> env() {
        return Map.of(ConfigKey.ONCEHUB_API_URL.envName(), hub.apiUrl(), ConfigKey.ONCEHUB_API_KEY.envName(), hub.apiKey());
    }

    /** Creates oncesync's subscription for the server's actual address and makes its secret live at once. */
    void connect(OncesyncApp app, String serverUrl) throws OnceHubException {
        TokenCipher cipher = TokenCipher.fromBase64Key(app.config().salesforce().tokenKey(), new SecureRandom());
        Subscription s = new Subscription(OnceHubWiring.client(app.config(), app.config().oncehub().apiKey()),
                SubscriptionStore.inDirectory(app.config().storage().dataDir()), cipher, app.config().oncehub().webhookName(),
                serverUrl, Clock.systemUTC());
        s.connect(true);
        app.oncehub().ifPresent(o -> o.secrets().refresh());
        app.oncehub().ifPresent(OnceHubService::watch);
    }

    /**
     * With ONCESYNC_PUBLIC_URL set, oncesync's watcher creates the subscription in its first pass at start: waits
     * for that pass (a pass now runs after it) and fails when the subscription is not active then. The pass that
     * creates it also makes its secret live.
     */
    void awaitManaged(OncesyncApp app) throws OnceHubException {
        OnceHubService service = app.oncehub().orElseThrow(() -> new IllegalStateException("the demo's OnceHub is not configured"));
        OnceHubService.WatchPass pass = service.watchNow();
        if (!pass.found().ok() && pass.recreated().isEmpty()) {
            throw new OnceHubException("the subscription is " + pass.found().state() + ": " + pass.found().detail(),
                    pass.failure().orElse(null));
        }
    }

    /** Delivers one sample through the subscription; the answer of oncesync's endpoint. */
    WebhookClient.Answer send(byte[] body) {
        List<LocalOnceHub.Delivery> d = hub.deliverNow(body);
        if (d.isEmpty()) {
            return new WebhookClient.Answer(0, "no active subscription wants this event");
        }
        return new WebhookClient.Answer(d.get(0).status(), d.get(0).body());
    }

    String baseUrl() {
        return hub.baseUrl();
    }

    @Override
    public void close() {
        hub.close();
    }
}
