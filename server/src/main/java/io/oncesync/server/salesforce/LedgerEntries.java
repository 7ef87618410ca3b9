package io.oncesync.server.salesforce;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.port.ActionOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger entry an executed decision leaves: the Event or Case chosen for the booking and the person chosen for
 * the guest, each either an existing record or the one its action wrote (a duplicate-rule match or a converted
 * Lead's Contact included, as the outcome names it).
 */
public final class LedgerEntries {
    private LedgerEntries() {
    }

    public static Optional<LedgerEntry> of(String bookingId, Decision decision, List<ActionOutcome> outcomes) {
        Objects.requireNonNull(bookingId, "bookingId");
        Optional<Chosen> meeting = decision.meetingRecord().flatMap(c -> resolve(c, decision, outcomes));
        if (meeting.isEmpty() || meeting.get().object().isPerson()) {
            return Optional.empty();
        }
        Optional<Chosen> person = decision.personRecord().flatMap(c -> resolve(c, decision, outcomes))
                .filter(p -> p.object().isPerson());
        return Optional.of(new LedgerEntry(bookingId, meeting.get().object(), meeting.get().id(),
                person.map(Chosen::object).orElse(null), person.map(Chosen::id).orElse(null)));
    }

    private record Chosen(SObjectType object, String id) {
    }

    private static Optional<Chosen> resolve(RecordChoice choice, Decision decision, List<ActionOutcome> outcomes) {
        for (int i = 0; i < decision.actions().size() && i < outcomes.size(); i++) {
            if (decision.actions().get(i).key().equals(choice.actionKey())) {
                ActionOutcome o = outcomes.get(i);
                if (o instanceof ActionOutcome.Created c) {
                    return Optional.of(new Chosen(c.object(), c.id()));
                }
                if (o instanceof ActionOutcome.Updated u) {
                    return Optional.of(new Chosen(u.object(), u.id()));
                }
                return Optional.empty();
            }
        }
        return choice.isNew() ? Optional.empty() : Optional.of(new Chosen(choice.object(), choice.recordId()));
    }
}
