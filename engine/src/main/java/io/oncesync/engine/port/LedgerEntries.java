package io.oncesync.engine.port;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.RecordChoice;
import java.util.List;
import java.util.Optional;

/** What to record in the {@link BookingLedger} after a plan ran. */
public final class LedgerEntries {

    private LedgerEntries() {
    }

    /**
     * The ledger entry for a booking after its decision was executed: the meeting's id (existing, or created by the
     * meeting action) and the person's id (likewise). Empty when the decision has no meeting or the meeting's
     * action did not succeed; the person is left out when its id is not known.
     */
    public static Optional<LedgerEntry> after(String bookingId, Decision decision, List<ActionOutcome> outcomes) {
        Optional<RecordChoice> meeting = decision.meetingRecord();
        if (meeting.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> meetingId = idOf(meeting.get(), outcomes);
        if (meetingId.isEmpty()) {
            return Optional.empty();
        }
        Optional<RecordChoice> person = decision.personRecord();
        Optional<String> personId = person.flatMap(p -> idOf(p, outcomes));
        return Optional.of(new LedgerEntry(bookingId, meeting.get().object(), meetingId.get(),
                personId.isPresent() ? person.get().object() : null, personId.orElse(null)));
    }

    private static Optional<String> idOf(RecordChoice choice, List<ActionOutcome> outcomes) {
        for (ActionOutcome o : outcomes) {
            if (o.key().equals(choice.actionKey())) {
                if (o instanceof ActionOutcome.Created c) {
                    return Optional.of(c.id());
                }
                if (o instanceof ActionOutcome.Updated u) {
                    return Optional.of(u.id());
                }
                return Optional.empty();
            }
        }
        // no action for it: an existing record the plan did not need to write
        return Optional.ofNullable(choice.recordId());
    }
}
