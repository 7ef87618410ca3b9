package io.oncesync.server.work;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What an {@link EventProcessor} made of one event. */
public sealed interface Outcome {

    enum Kind { APPLIED, IGNORED, RETRY, FAILED, PAUSE }

    Kind kind();

    /** Written to Salesforce: the person (Lead/Contact, may be null) and the records (Event/Case ids). */
    static Outcome applied(String personId, List<String> recordIds, String trace) {
        return new Applied(personId, recordIds, trace);
    }

    /** The rules decided to do nothing with this event. */
    static Outcome ignored(String reason, String trace) {
        return new Ignored(reason, trace);
    }

    /** A retryable failure (lock contention, timeout): try again later with backoff. */
    static Outcome retry(String error, String trace) {
        return new Retry(error, trace);
    }

    /** A permanent failure (validation rule, bad mapping): becomes a dead letter until replayed. */
    static Outcome failed(String error, String trace) {
        return new Failed(error, trace);
    }

    /**
     * Salesforce cannot take any work now (API limit exceeded, connection lost): this event was not attempted,
     * and the whole pipeline stops claiming until {@code until}.
     */
    static Outcome pause(Instant until, String reason) {
        return new Pause(until, reason);
    }

    record Applied(String personId, List<String> recordIds, String trace) implements Outcome {
        public Applied {
            recordIds = List.copyOf(recordIds);
        }

        @Override
        public Kind kind() {
            return Kind.APPLIED;
        }
    }

    record Ignored(String reason, String trace) implements Outcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.IGNORED;
        }
    }

    record Retry(String error, String trace) implements Outcome {
        public Retry {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    record Failed(String error, String trace) implements Outcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    record Pause(Instant until, String reason) implements Outcome {
        public Pause {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.PAUSE;
        }
    }
}
