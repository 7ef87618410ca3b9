package io.oncesync.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refused sign-ins per client address: after {@link #MAX_FAILURES} within {@link #WINDOW} the address must wait,
 * so the sign-in form can neither be used to guess the token quickly nor to flood the audit log.
 */
final class SignInThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code address} has failed too often lately. */
    boolean blocked(String address) {
        Deque<Instant> d = failures.get(address);
        if (d == null) {
            return false;
        }
        synchronized (d) {
            prune(d);
            return d.size() >= MAX_FAILURES;
        }
    }

    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
        Deque<Instant> d = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (d) {
            prune(d);
            d.addLast(clock.instant());
        }
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    private void prune(Deque<Instant> d) {
        Instant horizon = clock.instant().minus(WINDOW);
        while (!d.isEmpty() && d.peekFirst().isBefore(horizon)) {
            d.removeFirst();
        }
    }
}
