package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.connect.OAuthException;
import io.oncesync.server.salesforce.connect.TokenGrant;
import io.oncesync.server.salesforce.connect.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one OAuth session every connection of a {@link SalesforceClient} uses, renewed single-flight: when many calls
 * fail on the same expired token at once, one of them asks for a new token and the others wait for it and retry
 * with it. A renewal that failed is answered with the same failure for a short while ({@link #FAILURE_MEMORY}), so a
 * burst of callers does not become a burst of token requests during an outage.
 */
final class SharedSession {
    /** How long a failed renewal is reused for callers that saw the same expired session. */
    static final Duration FAILURE_MEMORY = Duration.ofSeconds(2);

    /** A token and its generation; a connection set up for an older generation must be brought up to date. */
    record Current(TokenGrant grant, long generation) {
    }

    private final TokenSource renewal;
    private final Clock clock;
    private final Object renewing = new Object();
    private volatile Current current;
    private OAuthException lastFailure;
    private long failedGeneration = -1;
    private Instant failedAt = Instant.MIN;

    SharedSession(TokenGrant grant, TokenSource renewal, Clock clock) {
        this.current = new Current(Objects.requireNonNull(grant, "grant"), 0);
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Current current() {
        return current;
    }

    /**
     * The session to retry with after generation {@code seen} was refused: a newer one if another caller already
     * renewed, otherwise a freshly renewed one.
     */
    Current renewAfter(long seen) throws OAuthException {
        synchronized (renewing) {
            Current now = current;
            if (now.generation() != seen) {
                return now;
            }
            if (failedGeneration == now.generation() && clock.instant().isBefore(failedAt.plus(FAILURE_MEMORY))) {
                throw lastFailure;
            }
            try {
                current = new Current(renewal.renew(), now.generation() + 1);
                return current;
            } catch (OAuthException e) {
                lastFailure = e;
                failedGeneration = now.generation();
                failedAt = clock.instant();
                throw e;
            }
        }
    }
}
