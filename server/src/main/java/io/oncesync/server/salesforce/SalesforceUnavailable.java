package io.oncesync.server.salesforce;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole call failed, so no per-record outcome exists. The four kinds are what a worker must do next:
 * pause until {@link #resumeAt()} (limit reached, unreachable), stop syncing until an admin reconnects, or
 * record a permanent refusal (a bug or an org setting; retrying the same call will not help).
 */
public abstract sealed class SalesforceUnavailable extends Exception {

    public enum Kind { LIMIT_REACHED, UNREACHABLE, RECONNECT_NEEDED, CALL_REFUSED }

    private final String operation;

    SalesforceUnavailable(String operation, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    public abstract Kind kind();

    /** The Partner call that failed ({@code query}, {@code create}, …). */
    public String operation() {
        return operation;
    }

    /** When a pause ends; empty for kinds that no waiting cures. */
    public Optional<Instant> resumeAt() {
        return Optional.empty();
    }

    /** REQUEST_LIMIT_EXCEEDED: the org's API allowance is used up; nothing failed, work waits. */
    public static final class LimitReached extends SalesforceUnavailable {
        private final Instant resumeAt;

        public LimitReached(String operation, String message, Instant resumeAt, Throwable cause) {
            super(operation, "API request limit reached (" + message + ")", cause);
            this.resumeAt = Objects.requireNonNull(resumeAt, "resumeAt");
        }

        @Override
        public Kind kind() {
            return Kind.LIMIT_REACHED;
        }

        @Override
        public Optional<Instant> resumeAt() {
            return Optional.of(resumeAt);
        }
    }

    /** Connection lost, timed out, an HTML error page (503) or SERVER_UNAVAILABLE: try again later. */
    public static final class Unreachable extends SalesforceUnavailable {
        private final Instant resumeAt;

        public Unreachable(String operation, String message, Instant resumeAt, Throwable cause) {
            super(operation, "Salesforce unreachable (" + message + ")", cause);
            this.resumeAt = Objects.requireNonNull(resumeAt, "resumeAt");
        }

        @Override
        public Kind kind() {
            return Kind.UNREACHABLE;
        }

        @Override
        public Optional<Instant> resumeAt() {
            return Optional.of(resumeAt);
        }
    }

    /** The session expired and one refresh did not bring it back: an admin must connect again. */
    public static final class ReconnectNeeded extends SalesforceUnavailable {
        public ReconnectNeeded(String operation, String message, Throwable cause) {
            super(operation, "reconnect needed: " + message, cause);
        }

        @Override
        public Kind kind() {
            return Kind.RECONNECT_NEEDED;
        }
    }

    /** Salesforce refused the call itself (malformed query, unknown field, API disabled, …). */
    public static final class CallRefused extends SalesforceUnavailable {
        private final String exceptionCode;

        public CallRefused(String operation, String exceptionCode, String message, Throwable cause) {
            super(operation, exceptionCode + ": " + message, cause);
            this.exceptionCode = Objects.requireNonNull(exceptionCode, "exceptionCode");
        }

        public String exceptionCode() {
            return exceptionCode;
        }

        @Override
        public Kind kind() {
            return Kind.CALL_REFUSED;
        }
    }
}
