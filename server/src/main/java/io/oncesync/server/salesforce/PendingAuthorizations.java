package io.oncesync.server.salesforce;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web-server flows started but not yet called back: {@code state} → PKCE verifier and login host. A state is
 * usable once and only within its time to live, so a replayed or forged callback finds nothing.
 */
public final class PendingAuthorizations {

    /** One started flow. */
    public record Pending(String state, Pkce pkce, LoginHost loginHost, Instant expiresAt) {
    }

    private final Map<String, Pending> byState = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    private final Duration timeToLive;

    public PendingAuthorizations(SecureRandom random, Clock clock, Duration timeToLive) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    }

    public Pending start(LoginHost host) {
        purgeExpired();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Pending p = new Pending(state, Pkce.generate(random), host, clock.instant().plus(timeToLive));
        byState.put(state, p);
        return p;
    }

    /** Removes and returns the flow for {@code state}, or empty if unknown, used already or expired. */
    public Optional<Pending> take(String state) {
        if (state == null) {
            return Optional.empty();
        }
        Pending p = byState.remove(state);
        if (p == null || clock.instant().isAfter(p.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        byState.values().removeIf(p -> now.isAfter(p.expiresAt()));
    }
}
