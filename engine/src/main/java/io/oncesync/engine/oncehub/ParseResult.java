package io.oncesync.engine.oncehub;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a webhook body turned out to be. Exactly one of: an {@link Accepted} event to act on, an
 * {@link Ignored} valid event oncesync does not act on (acknowledge and record it), or a {@link Malformed} body
 * (a 4xx, naming where and why). Parsing never throws for bad input.
 */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Ignored, ParseResult.Malformed {

    enum Kind { ACCEPTED, IGNORED, MALFORMED }

    Kind kind();

    /** Folds the three cases; Java 17 has no pattern switch, so this keeps callers exhaustive. */
    <R> R fold(Function<Accepted, R> accepted, Function<Ignored, R> ignored, Function<Malformed, R> malformed);

    /** An event oncesync acts on. */
    record Accepted(OnceHubEvent event) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }

        public Kind kind() {
            return Kind.ACCEPTED;
        }

        public <R> R fold(Function<Accepted, R> a, Function<Ignored, R> i, Function<Malformed, R> m) {
            return a.apply(this);
        }
    }

    /**
     * A well-formed event oncesync does not act on.
     *
     * @param eventId the envelope id when present (for dedup and the record), else null
     * @param type    the {@code type} as sent, else null
     * @param reason  a sentence, e.g. {@code api_version "v1" is not v2}
     */
    record Ignored(String eventId, String type, String reason) implements ParseResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }

        public Kind kind() {
            return Kind.IGNORED;
        }

        public <R> R fold(Function<Accepted, R> a, Function<Ignored, R> i, Function<Malformed, R> m) {
            return i.apply(this);
        }
    }

    /**
     * A body that is not a usable OnceHub event.
     *
     * @param pointer a JSON pointer to the offending value ({@code /data/starting_time}); {@code ""} for the
     *                whole body
     * @param reason  what is wrong there
     */
    record Malformed(String pointer, String reason) implements ParseResult {
        public Malformed {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(reason, "reason");
        }

        public Kind kind() {
            return Kind.MALFORMED;
        }

        public <R> R fold(Function<Accepted, R> a, Function<Ignored, R> i, Function<Malformed, R> m) {
            return m.apply(this);
        }

        @Override
        public String toString() {
            return (pointer.isEmpty() ? "/" : pointer) + ": " + reason;
        }
    }
}
