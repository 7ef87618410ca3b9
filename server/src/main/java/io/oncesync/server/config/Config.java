package io.oncesync.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * oncesync's whole configuration, built once at start by {@link ConfigLoader} and validated up front.
 * Secrets are {@link Secret}s, so printing any part of this tree never shows them.
 */
public record Config(Http http, Storage storage, Webhooks webhooks, Admin admin, Rules rules, Salesforce salesforce,
                     Workers workers, OnceHub oncehub, Resilience resilience) {

    /**
     * How faults are ridden out: Salesforce pauses growing from {@code pauseMin} to {@code pauseMax}, the longest
     * a write waits on a locked embedded database, the interruptions after which an event is quarantined, and how
     * long one batch of events may be processed before it is given up (and counted as interrupted).
     */
    public record Resilience(Duration pauseMin, Duration pauseMax, Duration dbBusyTimeout, int quarantineAfter,
                             Duration batchTimeout) {
        public static final Resilience DEFAULT = new Resilience(Duration.ofSeconds(2), Duration.ofMinutes(5),
                Duration.ofSeconds(5), 3, Duration.ofMinutes(5));
    }

    /**
     * @param tlsCertificate with {@code tlsKey}: serve HTTPS; empty = plain HTTP (behind a TLS-terminating proxy)
     */
    public record Http(String host, int port, int maxConnections, Duration idleTimeout, Duration requestTimeout,
                       Optional<Path> tlsCertificate, Optional<Path> tlsKey) {
        public Http(String host, int port) {
            this(host, port, 1000, Duration.ofSeconds(60), Duration.ofSeconds(30), Optional.empty(), Optional.empty());
        }

        public boolean https() {
            return tlsCertificate.isPresent() && tlsKey.isPresent();
        }
    }

    /**
     * {@code jdbcUrl} empty means the embedded SQLite database under {@code dataDir}; {@code instanceTimeout} is how
     * long an instance on a shared PostgreSQL database may miss heartbeats before its work is taken over.
     */
    public record Storage(Path dataDir, Optional<String> jdbcUrl, String user, Secret password, Duration instanceTimeout) {
        public boolean embedded() {
            return jdbcUrl.isEmpty();
        }
    }

    public record Webhooks(List<Secret> secrets, Duration tolerance, int maxBodyBytes, long maxInflightBytes) {
        public Webhooks {
            secrets = List.copyOf(secrets);
        }

        public Webhooks(List<Secret> secrets, Duration tolerance, int maxBodyBytes) {
            this(secrets, tolerance, maxBodyBytes, 64L * 1024 * 1024);
        }
    }

    public record Admin(Secret token) {
    }

    /** {@code dir} empty means the rules bundled in the jar. */
    public record Rules(Optional<Path> dir, boolean uploadEnabled) {
    }

    public enum OAuthFlow { WEB_SERVER, CLIENT_CREDENTIALS }

    public record Salesforce(String loginUrl, String clientId, Secret clientSecret, String redirectUri, OAuthFlow flow,
                             Secret tokenKey, int dailyApiReserve, int maxConcurrentCalls) {
    }

    public record Workers(int threads, int batchSize) {
    }

    /**
     * The OnceHub API side: subscription management and reconciliation. {@code apiKey} empty = use the stored key
     * (if any); {@code publicUrl} empty = oncesync cannot create the subscription itself.
     */
    public record OnceHub(String apiUrl, Secret apiKey, String publicUrl, String webhookName, Duration watchInterval,
                          Duration pollInterval, Duration secretOverlap, int requestsPerSecond) {
    }
}
