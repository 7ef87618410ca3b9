package io.oncesync.engine.port;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.RecordChoice;
import java.time.Instant;
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

    /**
     * The entry to record after an applied event of a booking: the meeting and person the plan wrote or chose,
     * else those {@code previous} knew (the booking's entry, or the replaced booking's), and the snapshot applied.
     * The person's object is the one Salesforce reported (a converted Lead's Contact is a Contact).
     */
    public static LedgerEntry recorded(String bookingId, Optional<LedgerEntry> previous, Decision decision,
                                       List<ActionOutcome> outcomes, Instant appliedUpdateAt) {
        Optional<LedgerEntry> after = after(bookingId, decision, outcomes);
        SObjectType meetingObject = after.map(LedgerEntry::meetingObject)
                .orElse(previous.map(LedgerEntry::meetingObject).orElse(null));
        String meetingId = after.map(LedgerEntry::meetingId).orElse(previous.map(LedgerEntry::meetingId).orElse(null));
        SObjectType personObject = null;
        String personId = null;
        Optional<RecordChoice> person = decision.personRecord();
        if (person.isPresent()) {
            personId = idOf(person.get(), outcomes).orElse(null);
            personObject = outcomes.stream().filter(o -> o.key().equals(person.get().actionKey())).findFirst()
                    .map(ActionOutcome::object).orElse(person.get().object());
        }
        if (personId == null && previous.isPresent()) {
            personObject = previous.get().personObject();
            personId = previous.get().personId();
        }
        return new LedgerEntry(bookingId, meetingObject, meetingId, personId == null ? null : personObject, personId,
                appliedUpdateAt);
    }

    /**
     * The id of the record a choice names after the plan ran: the one its action saved, the existing one when the
     * plan had no action for it, empty when its action was not saved.
     */
    public static Optional<String> idOf(RecordChoice choice, List<ActionOutcome> outcomes) {
        for (ActionOutcome o : outcomes) {
            if (o.key().equals(choice.actionKey())) {
                return o.savedId();
            }
        }
        // no action for it: an existing record the plan did not need to write
        return Optional.ofNullable(choice.recordId());
    }
}
