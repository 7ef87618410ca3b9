package io.oncesync.server.oncehub;

import io.oncesync.engine.oncehub.EventType;
import io.oncesync.server.config.Secret;
import io.oncesync.server.ingest.WebhookRoutes;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The webhook subscription oncesync manages: created for {@code PUBLIC_URL/webhooks/oncehub} with every event type
 * oncesync handles (or an existing one of the same name adopted), checked, re-created, rotated, deleted. OnceHub has
 * no update call and shows a secret only when creating, so re-creating and rotating both delete and create; the
 * replaced secret is kept (retired) for the overlap window. Blocking.
 */
public final class Subscription {
    /** Every event type the engine knows, so nothing oncesync could act on is left out. */
    public static final List<String> EVENTS = Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    /** The longest ONCESYNC_ONCEHUB_SECRET_OVERLAP_SECONDS allows; older retired secrets are dropped. */
    static final java.time.Duration MAX_OVERLAP = java.time.Duration.ofDays(30);

    /** What {@link #check()} found. */
    public enum State { OK, NOT_CONNECTED, MISSING, DISABLED, ELSEWHERE, UNREACHABLE }

    /** {@code failure} is why OnceHub could not be asked (only for {@link State#UNREACHABLE}). */
    public record Health(State state, String detail, Optional<WebhookInfo> webhook, Optional<OnceHubException> failure) {
        public Health(State state, String detail, Optional<WebhookInfo> webhook) {
            this(state, detail, webhook, Optional.empty());
        }

        public boolean ok() {
            return state == State.OK;
        }

        /** Missing, disabled or pointing elsewhere: the watcher re-creates it. */
        public boolean repairable() {
            return state == State.MISSING || state == State.DISABLED || state == State.ELSEWHERE;
        }
    }

    private final OnceHubClient client;
    private final SubscriptionStore store;
    private final TokenCipher cipher;
    private final String name;
    private final String publicUrl;
    private final Clock clock;

    public Subscription(OnceHubClient client, SubscriptionStore store, TokenCipher cipher, String name, String publicUrl,
                        Clock clock) {
        this.client = client;
        this.store = store;
        this.cipher = cipher;
        this.name = name;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The associated data binding a stored secret to its subscription (see TokenCipher). */
    static String secretBinding(String webhookId) {
        return "oncehub-webhook:" + webhookId;
    }

    /** The subscription's name in OnceHub (ONCESYNC_ONCEHUB_WEBHOOK_NAME). */
    public String name() {
        return name;
    }

    /** Where the subscription must point; empty without PUBLIC_URL. */
    public String endpoint() {
        return publicUrl.isEmpty() ? "" : publicUrl + WebhookRoutes.PATH;
    }

    /**
     * Creates the subscription, or adopts an active one of the same name pointing at {@link #endpoint()}. With
     * {@code recreate}, a same-named one is deleted and created afresh (a new secret, which oncesync then knows).
     */
    public String connect(boolean recreate) throws OnceHubException {
        requireEndpoint();
        Optional<WebhookInfo> named = client.webhooks().stream().filter(w -> w.name().equals(name)).findFirst();
        if (named.isPresent() && !recreate) {
            WebhookInfo w = named.get();
            if (!w.url().equals(endpoint())) {
                throw new OnceHubException(409, "invalid_request_error", "name", "a webhook named '" + name
                        + "' already exists and points at " + w.url() + ", not " + endpoint()
                        + "; use --recreate to replace it, or choose another ONCESYNC_ONCEHUB_WEBHOOK_NAME");
            }
            if (w.active() && w.events().containsAll(EVENTS)) {
                adopt(w);
                return store.current().hasSecretFor(w.id()) ? "adopted " + w.id() + " (its secret is already stored)"
                        : "adopted " + w.id() + "; OnceHub shows its secret only in its UI (View secret): put it in"
                        + " ONCESYNC_WEBHOOK_SECRETS, or run 'oncesync oncehub rotate-secret' to get a new one";
            }
        }
        WebhookInfo created = recreate(named);
        return "created " + created.id() + " for " + created.url() + " with " + created.events().size() + " event types";
    }

    /** Checks the managed subscription without changing anything. */
    public Health check() {
        StoredSubscription s = store.current();
        if (s.webhookId().isEmpty()) {
            return new Health(endpoint().isEmpty() ? State.NOT_CONNECTED : State.MISSING, endpoint().isEmpty()
                    ? "no subscription; run 'oncesync oncehub connect' (needs ONCESYNC_PUBLIC_URL)"
                    : "no subscription yet", Optional.empty());
        }
        String id = s.webhookId().get();
        Optional<WebhookInfo> w;
        try {
            w = client.webhook(id);
        } catch (OnceHubException e) {
            return new Health(State.UNREACHABLE, e.getMessage(), Optional.empty(), Optional.of(e));
        }
        if (w.isEmpty()) {
            return new Health(State.MISSING, "subscription " + id + " no longer exists in OnceHub", w);
        }
        if (!w.get().active()) {
            return new Health(State.DISABLED, "subscription " + id + " is disabled in OnceHub (deliveries failed for"
                    + " too long, or an admin disabled it)", w);
        }
        if (!endpoint().isEmpty() && !w.get().url().equals(endpoint())) {
            return new Health(State.ELSEWHERE, "subscription " + id + " points at " + w.get().url() + ", not "
                    + endpoint(), w);
        }
        if (!w.get().events().containsAll(EVENTS) && !w.get().events().containsAll(List.of("booking", "conversation"))) {
            return new Health(State.ELSEWHERE, "subscription " + id + " lacks event types oncesync handles", w);
        }
        return new Health(State.OK, id + " → " + w.get().url(), w);
    }

    /** Re-creates a missing, disabled or misdirected subscription; returns the new one. */
    public WebhookInfo repair(Health found) throws OnceHubException {
        requireEndpoint();
        return recreate(found.webhook());
    }

    /** A new secret: the subscription is deleted and created again; the old secret is kept for the overlap window. */
    public WebhookInfo rotateSecret() throws OnceHubException {
        return rotateSecret(java.time.Duration.ZERO).webhook();
    }

    /**
     * {@link #rotateSecret()}, saying until when the replaced secret stays accepted ({@code overlap} after now, when
     * there was a current secret to replace): what the CLI prints and the admin API answers.
     */
    public Rotation rotateSecret(java.time.Duration overlap) throws OnceHubException {
        requireEndpoint();
        StoredSubscription s = store.current();
        boolean replacing = s.secrets().stream().anyMatch(sec -> sec.retiredAt().isEmpty());
        WebhookInfo created = recreate(existingToRotate(s));
        return new Rotation(created, overlap, replacing ? Optional.of(clock.instant().plus(overlap)) : Optional.empty());
    }

    /** A new subscription and until when the secret it replaced is accepted (empty when there was none). */
    public record Rotation(WebhookInfo webhook, java.time.Duration overlap, Optional<Instant> oldSecretAcceptedUntil) {
        public String summary() {
            return "new subscription " + webhook.id() + " for " + webhook.url() + "; its secret is stored, "
                    + oldSecretAcceptedUntil.map(u -> "the old one is accepted for " + overlap.toHours() + " more hours"
                    + " (until " + u + ")").orElse("no earlier secret was stored");
        }
    }

    private Optional<WebhookInfo> existingToRotate(StoredSubscription s) throws OnceHubException {
        Optional<WebhookInfo> existing = s.webhookId().isPresent() ? client.webhook(s.webhookId().get()) : Optional.empty();
        if (existing.isEmpty()) {
            existing = client.webhooks().stream().filter(w -> w.name().equals(name)).findFirst();
        }
        return existing;
    }

    /** Deletes the managed subscription and forgets its secrets; false when none was managed. */
    public boolean disconnect() throws OnceHubException {
        StoredSubscription s = store.current();
        if (s.webhookId().isEmpty()) {
            return false;
        }
        client.deleteWebhook(s.webhookId().get());
        store.save(new StoredSubscription(Optional.empty(), name, "", List.of(), s.encryptedApiKey()));
        return true;
    }

    /** Stores an API key given through the CLI, encrypted. */
    public void storeApiKey(Secret key) {
        StoredSubscription s = store.current();
        store.save(new StoredSubscription(s.webhookId(), s.name(), s.url(), s.secrets(),
                Optional.of(cipher.encrypt(key, "oncehub-api-key"))));
    }

    /** The API key stored by {@link #storeApiKey}, if any. */
    public static Optional<Secret> storedApiKey(SubscriptionStore store, TokenCipher cipher) {
        return store.current().encryptedApiKey().map(e -> cipher.decrypt(e, "oncehub-api-key"));
    }

    private WebhookInfo recreate(Optional<WebhookInfo> old) throws OnceHubException {
        if (old.isPresent()) {
            client.deleteWebhook(old.get().id());
        }
        OnceHubClient.CreatedWebhook created;
        try {
            created = client.createWebhook(name, endpoint(), EVENTS);
        } catch (OnceHubException e) {
            if (e.status() != 409) {
                throw e;
            }
            // Another subscription took the name meanwhile; replace it only when it is ours (same URL).
            Optional<WebhookInfo> named = client.webhooks().stream().filter(w -> w.name().equals(name)).findFirst();
            if (named.isEmpty() || !named.get().url().equals(endpoint())) {
                throw e;
            }
            client.deleteWebhook(named.get().id());
            created = client.createWebhook(name, endpoint(), EVENTS);
        }
        Instant now = clock.instant();
        StoredSubscription s = store.current();
        List<StoredSubscription.StoredSecret> secrets = new ArrayList<>();
        // Secrets retired longer ago than any allowed overlap (30 days) are of no use any more.
        s.secrets().stream().filter(sec -> sec.retiredAt().map(r -> r.isAfter(now.minus(MAX_OVERLAP))).orElse(true))
                .forEach(sec -> secrets.add(sec.retire(now)));
        String id = created.webhook().id();
        secrets.add(new StoredSubscription.StoredSecret(id, cipher.encrypt(created.secret(), secretBinding(id)), now,
                Optional.empty()));
        store.save(new StoredSubscription(Optional.of(id), name, created.webhook().url(), secrets, s.encryptedApiKey()));
        return created.webhook();
    }

    private void adopt(WebhookInfo w) {
        StoredSubscription s = store.current();
        store.save(new StoredSubscription(Optional.of(w.id()), name, w.url(), s.secrets(), s.encryptedApiKey()));
    }

    private void requireEndpoint() throws OnceHubException {
        if (endpoint().isEmpty()) {
            throw new OnceHubException(0, null, null, "ONCESYNC_PUBLIC_URL is not set: OnceHub needs the https:// address"
                    + " it can reach this oncesync at");
        }
    }
}
