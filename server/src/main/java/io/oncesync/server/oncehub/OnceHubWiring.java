package io.oncesync.server.oncehub;

import io.oncesync.server.config.Config;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds the OnceHub side from the configuration, for {@code serve}, the demo and the CLI. */
public final class OnceHubWiring {
    private OnceHubWiring() {
    }

    /** ONCESYNC_ONCEHUB_API_KEY, else the key stored by {@code oncesync oncehub connect --api-key-stdin}. */
    public static Optional<Secret> apiKey(Config config, SubscriptionStore store, TokenCipher cipher) {
        if (!config.oncehub().apiKey().isEmpty()) {
            return Optional.of(config.oncehub().apiKey());
        }
        try {
            return Subscription.storedApiKey(store, cipher);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the OnceHub API key stored in " + store.where() + " cannot be decrypted with"
                    + " ONCESYNC_TOKEN_KEY (" + e.getMessage() + "); run 'oncesync oncehub connect --api-key-stdin' again", e);
        }
    }

    /**
     * Where the subscription is kept: the data directory for one instance; the shared database when instances share
     * PostgreSQL (adopting a subscription file from this instance's single-instance days).
     */
    public static SubscriptionStore store(Config config, InboxDatabase db) {
        SubscriptionStore local = SubscriptionStore.inDirectory(config.storage().dataDir());
        if (!db.shared()) {
            return local;
        }
        SubscriptionStore shared = SubscriptionStore.shared(db.sharedState());
        shared.adoptIfEmpty(local);
        return shared;
    }

    public static OnceHubClient client(Config config, Secret apiKey) {
        return new OnceHubClient(config.oncehub().apiUrl(), () -> apiKey, config.oncehub().requestsPerSecond());
    }

    public static Subscription subscription(Config config, OnceHubClient client, SubscriptionStore store,
                                            TokenCipher cipher, Clock clock) {
        return new Subscription(client, store, cipher, config.oncehub().webhookName(), config.oncehub().publicUrl(), clock);
    }

    /** The running service when an API key is configured or stored; empty otherwise (webhooks only). */
    public static Optional<OnceHubService> service(Config config, InboxDatabase db, InboxStore inbox, SyncMetrics metrics,
                                                   TokenCipher cipher, Clock clock) {
        SubscriptionStore store = store(config, db);
        Optional<Secret> key = apiKey(config, store, cipher);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        OnceHubClient client = client(config, key.get());
        List<WebhookSecret> configured = config.webhooks().secrets().stream().map(s -> new WebhookSecret(s.reveal())).toList();
        ManagedSecrets secrets = new ManagedSecrets(configured, store, cipher, config.oncehub().secretOverlap(), clock);
        Reconciler reconciler = new Reconciler(client, inbox, db.ledger(), db.watermarks(), new EngineTriage(clock), clock);
        return Optional.of(new OnceHubService(subscription(config, client, store, cipher, clock), reconciler, secrets,
                client, metrics.registry(), clock));
    }
}
