package io.oncesync.server.oncehub;

import java.util.List;

/**
 * A webhook subscription as OnceHub lists it (the secret is only in {@link OnceHubClient.CreatedWebhook}).
 * {@code active} is false only when the API says {@code status: disabled}; OnceHub documents no status field, so a
 * subscription without one counts as active.
 */
public record WebhookInfo(String id, String name, String url, List<String> events, boolean active) {
    public WebhookInfo {
        events = List.copyOf(events);
    }
}
