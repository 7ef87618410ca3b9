package io.oncesync.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule book's answer for one event: an immutable plan of ordered actions (person first, then the meeting),
 * plus whatever stops it from being sent, plus the trace. Execute it only when {@link #executable()}.
 *
 * @param eventId        the OnceHub event decided
 * @param person         the record chosen for the guest (null only if no rule chose one)
 * @param meeting        the Event or Case chosen for the meeting, or null when the event records no meeting
 * @param actions        in execution order; an action may refer to an earlier one's created id
 * @param failures       fields missing or invalid, found before anything is sent
 * @param contradictions rules that disagreed
 */
public record Decision(String eventId, RecordChoice person, RecordChoice meeting, List<PlannedAction> actions, List<ValidationFailure> failures,
                       List<Contradiction> contradictions, Trace trace) {

    public Decision {
        Objects.requireNonNull(eventId, "eventId");
        actions = List.copyOf(actions);
        failures = List.copyOf(failures);
        contradictions = List.copyOf(contradictions);
        Objects.requireNonNull(trace, "trace");
    }

    /** True when there is nothing stopping the plan: no validation failure and no contradiction. */
    public boolean executable() {
        return failures.isEmpty() && contradictions.isEmpty();
    }

    public Optional<RecordChoice> personRecord() {
        return Optional.ofNullable(person);
    }

    public Optional<RecordChoice> meetingRecord() {
        return Optional.ofNullable(meeting);
    }

    public Optional<PlannedAction> action(String key) {
        return actions.stream().filter(a -> a.key().equals(key)).findFirst();
    }
}
