package io.oncesync.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers, in memory (a restart signs everyone out, which is the safe direction). A
 * session ends after {@code idle} without a request, or on sign-out. Session ids and CSRF tokens are 256-bit random
 * values; the id lives only in an HttpOnly cookie, the CSRF token only in the page's memory.
 */
public final class ConsoleSessions {
    /** The most sessions kept; the least recently used goes first beyond that. */
    static final int MAX_SESSIONS = 1000;

    /** One signed-in browser. {@code toString()} never shows the id or the CSRF token. */
    public static final class Session {
        private final String id;
        private final String identity;
        private final String csrf;
        private final Instant createdAt;
        private volatile Instant lastSeen;

        Session(String id, String identity, String csrf, Instant createdAt) {
            this.id = id;
            this.identity = identity;
            this.csrf = csrf;
            this.createdAt = createdAt;
            this.lastSeen = createdAt;
        }

        public String id() {
            return id;
        }

        /** Who signed in, as the audit log names them ({@code console:admin}). */
        public String identity() {
            return identity;
        }

        public String csrf() {
            return csrf;
        }

        public Instant createdAt() {
            return createdAt;
        }

        /** Whether {@code presented} is this session's CSRF token (constant time). */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    csrf.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[" + identity + ", since " + createdAt + "]";
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(Duration idle, Clock clock) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the idle expiry must be positive, was " + idle);
        }
        this.idle = idle;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration idle() {
        return idle;
    }

    /** A new session for {@code identity}. */
    public Session open(String identity) {
        evictBeyondLimit();
        Session s = new Session(token(), identity, token(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle timer restarted; empty when unknown or expired (then forgotten). */
    public Optional<Session> touch(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen.plus(idle))) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private void evictBeyondLimit() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.lastSeen.plus(idle)));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparing(s -> s.lastSeen))
                    .ifPresent(s -> sessions.remove(s.id()));
        }
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
