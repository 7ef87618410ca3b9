package io.oncesync.server.oncehub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SubscriptionStore} keeps: the managed subscription (if any), every signing secret still of use
 * (encrypted), and the API key given through the CLI (encrypted), if any.
 *
 * @param webhookId       the subscription oncesync manages, empty when disconnected
 * @param url             the URL it was created for
 * @param secrets         signing secrets, newest last; a retired one is accepted until its overlap window ends
 * @param encryptedApiKey the API key stored by {@code oncesync oncehub connect --api-key-stdin}
 */
public record StoredSubscription(Optional<String> webhookId, String name, String url, List<StoredSecret> secrets,
                                 Optional<String> encryptedApiKey) {
    public StoredSubscription {
        secrets = List.copyOf(secrets);
    }

    /** One signing secret, encrypted, with the subscription it belongs to. */
    public record StoredSecret(String webhookId, String encrypted, Instant createdAt, Optional<Instant> retiredAt) {
        public StoredSecret retire(Instant at) {
            return retiredAt.isPresent() ? this : new StoredSecret(webhookId, encrypted, createdAt, Optional.of(at));
        }
    }

    public static StoredSubscription empty() {
        return new StoredSubscription(Optional.empty(), "", "", List.of(), Optional.empty());
    }

    /** Nothing stored: no subscription, no secret, no API key. */
    public boolean isEmpty() {
        return webhookId.isEmpty() && secrets.isEmpty() && encryptedApiKey.isEmpty();
    }

    public boolean hasSecretFor(String id) {
        return secrets.stream().anyMatch(s -> s.webhookId().equals(id) && s.retiredAt().isEmpty());
    }
}
