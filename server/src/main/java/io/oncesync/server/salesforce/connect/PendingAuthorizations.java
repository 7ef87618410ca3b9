package io.oncesync.server.salesforce.connect;

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

    /**
     * Where started flows wait for their callback: in this process by default; in the shared database when several
     * instances sit behind a load balancer, so the callback may reach any of them.
     */
    public interface Store {
        void put(Pending pending);

        /** Removes and returns the flow for {@code state} (once: a second take finds nothing). */
        Optional<Pending> take(String state);

        void purgeExpired(Instant now);

        static Store inMemory() {
            Map<String, Pending> byState = new ConcurrentHashMap<>();
            return new Store() {
                @Override
                public void put(Pending pending) {
                    byState.put(pending.state(), pending);
                }

                @Override
                public Optional<Pending> take(String state) {
                    return Optional.ofNullable(byState.remove(state));
                }

                @Override
                public void purgeExpired(Instant now) {
                    byState.values().removeIf(p -> now.isAfter(p.expiresAt()));
                }
            };
        }
    }

    private final Store byState;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration timeToLive;

    public PendingAuthorizations(SecureRandom random, Clock clock, Duration timeToLive) {
        this(random, clock, timeToLive, Store.inMemory());
    }

    public PendingAuthorizations(SecureRandom random, Clock clock, Duration timeToLive, Store store) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.byState = Objects.requireNonNull(store, "store");
    }

    public Pending start(LoginHost host) {
        purgeExpired();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Pending p = new Pending(state, Pkce.generate(random), host, clock.instant().plus(timeToLive));
        byState.put(p);
        return p;
    }

    /** Removes and returns the flow for {@code state}, or empty if unknown, used already or expired. */
    public Optional<Pending> take(String state) {
        if (state == null) {
            return Optional.empty();
        }
        return byState.take(state).filter(p -> !clock.instant().isAfter(p.expiresAt()));
    }

    private void purgeExpired() {
        byState.purgeExpired(clock.instant());
    }
}
