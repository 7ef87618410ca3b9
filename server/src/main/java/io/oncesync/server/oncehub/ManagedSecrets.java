package io.oncesync.server.oncehub;

import io.oncesync.server.ingest.SecretSource;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets the webhook endpoint accepts: ONCESYNC_WEBHOOK_SECRETS, plus the managed subscription's current
 * secret, plus replaced ones until their overlap window ends. Recomputed at most once a second; the same list
 * instance is handed out while the set is unchanged.
 */
public final class ManagedSecrets implements SecretSource {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedSecrets.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final List<WebhookSecret> configured;
    private final SubscriptionStore store;
    private final TokenCipher cipher;
    private final Duration overlap;
    private final Clock clock;
    private volatile List<WebhookSecret> current;
    private volatile long refreshedAt;

    public ManagedSecrets(List<WebhookSecret> configured, SubscriptionStore store, TokenCipher cipher, Duration overlap,
                          Clock clock) {
        this.configured = List.copyOf(configured);
        this.store = store;
        this.cipher = cipher;
        this.overlap = overlap;
        this.clock = clock;
        this.current = compute();
        this.refreshedAt = System.nanoTime();
    }

    @Override
    public List<WebhookSecret> current() {
        if (System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            refresh();
        }
        return current;
    }

    /** Re-reads the store now (after a connect, rotation or re-creation in this process). */
    public synchronized void refresh() {
        List<WebhookSecret> next = compute();
        if (!next.equals(current)) {
            current = next;
        }
        refreshedAt = System.nanoTime();
    }

    /** How long a replaced secret stays accepted (ONCESYNC_ONCEHUB_SECRET_OVERLAP_SECONDS). */
    public Duration overlap() {
        return overlap;
    }

    /** How many secrets ONCESYNC_WEBHOOK_SECRETS gives (always accepted). */
    public int configuredCount() {
        return configured.size();
    }

    /** When the last replaced secret still accepted stops being accepted; empty when none is. */
    public Optional<Instant> overlapEnds() {
        Instant now = clock.instant();
        return store.current().secrets().stream().flatMap(s -> s.retiredAt().stream()).map(r -> r.plus(overlap))
                .filter(end -> end.isAfter(now)).max(Instant::compareTo);
    }

    private List<WebhookSecret> compute() {
        LinkedHashSet<WebhookSecret> out = new LinkedHashSet<>(configured);
        try {
            for (StoredSubscription.StoredSecret s : store.current().secrets()) {
                boolean live = s.retiredAt().map(r -> r.plus(overlap).isAfter(clock.instant())).orElse(true);
                if (live) {
                    out.add(new WebhookSecret(cipher.decrypt(s.encrypted(), Subscription.secretBinding(s.webhookId())).reveal()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the stored OnceHub signing secrets cannot be used: {}", e.getMessage());
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
