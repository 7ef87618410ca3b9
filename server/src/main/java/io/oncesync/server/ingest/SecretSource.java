package io.oncesync.server.ingest;

import java.util.List;

/**
 * The endpoint secrets accepted right now: the configured ones plus those of the subscription oncesync manages
 * (a replaced secret stays during its overlap window). Called on every webhook, so it must be cheap and should
 * return the same list instance while nothing changed (the verifier keys its cached HMAC state on it).
 */
@FunctionalInterface
public interface SecretSource {
    List<WebhookSecret> current();

    static SecretSource fixed(List<WebhookSecret> secrets) {
        List<WebhookSecret> copy = List.copyOf(secrets);
        return () -> copy;
    }
}
