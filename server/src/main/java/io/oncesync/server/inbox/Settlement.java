package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.List;

/**
 * The final word on one claimed event, as the store records it: the worker pool's reading of the processor's
 * {@link io.oncesync.server.work.Outcome} after its retry and pause policy (a retry gets its time or becomes a dead
 * letter, a pause releases the event). Read it with a switch expression on {@link #kind()}: the compiler checks it
 * is exhaustive.
 */
public sealed interface Settlement {

    enum Kind { APPLIED, IGNORED, RETRY, DEAD, RELEASED }

    Kind kind();

    /** Applied to Salesforce. {@code personId} may be null; {@code recordIds} lists Events/Cases written. */
    record Applied(String personId, List<String> recordIds, String trace) implements Settlement {
        public Applied {
            recordIds = List.copyOf(recordIds);
        }

        @Override
        public Kind kind() {
            return Kind.APPLIED;
        }
    }

    /** Nothing to do for this event (decided by the rules). */
    record Ignored(String reason, String trace) implements Settlement {
        @Override
        public Kind kind() {
            return Kind.IGNORED;
        }
    }

    /** Try again at {@code nextAttemptAt}; the attempt counts. */
    record Retry(Instant nextAttemptAt, String error, String trace) implements Settlement {
        @Override
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    /** A permanent failure: kept as a dead letter until replayed. */
    record Dead(String error, String trace) implements Settlement {
        @Override
        public Kind kind() {
            return Kind.DEAD;
        }
    }

    /**
     * Not attempted after all (pipeline paused, shutdown): back to waiting, the attempt does not count; {@code reason}
     * (the pause's cause, or null) is kept as the event's last error so the delivery list says why it waits.
     * {@code interrupted}: its processing never ended (still running at shutdown or past the batch time limit), which
     * counts towards quarantine; a quarantine names {@code reason} as how it was interrupted.
     */
    record Released(Instant nextAttemptAt, String reason, boolean interrupted) implements Settlement {
        /** Released without a reason to show: the last error stays as it was. */
        public Released(Instant nextAttemptAt) {
            this(nextAttemptAt, null, false);
        }

        public Released(Instant nextAttemptAt, String reason) {
            this(nextAttemptAt, reason, false);
        }

        @Override
        public Kind kind() {
            return Kind.RELEASED;
        }
    }
}
