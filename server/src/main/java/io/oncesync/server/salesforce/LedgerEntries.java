package io.oncesync.server.salesforce;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.port.ActionOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger entry an executed decision leaves: the Event or Case written for the booking and the person it links
 * to (through {@code WhoId}/{@code ContactId}, either a literal id or the id another action produced).
 */
public final class LedgerEntries {
    private LedgerEntries() {
    }

    public static Optional<LedgerEntry> of(String bookingId, Decision decision, List<ActionOutcome> outcomes) {
        Objects.requireNonNull(bookingId, "bookingId");
        for (int i = 0; i < decision.actions().size() && i < outcomes.size(); i++) {
            PlannedAction a = decision.actions().get(i);
            Optional<String> meetingId = id(outcomes.get(i));
            if (a.object().isPerson() || meetingId.isEmpty()) {
                continue;
            }
            FieldValue link = a.fields().get(a.object() == SObjectType.EVENT ? "WhoId" : "ContactId");
            SObjectType personObject = null;
            String personId = null;
            if (link instanceof FieldValue.ResultOf r) {
                for (int j = 0; j < decision.actions().size() && j < outcomes.size(); j++) {
                    if (decision.actions().get(j).key().equals(r.actionKey()) && id(outcomes.get(j)).isPresent()) {
                        personObject = outcomes.get(j).object();
                        personId = id(outcomes.get(j)).get();
                    }
                }
            } else if (link instanceof FieldValue.Literal l && !l.text().isBlank()) {
                personId = l.text();
                personObject = l.text().startsWith("00Q") ? SObjectType.LEAD : SObjectType.CONTACT;
            }
            return Optional.of(new LedgerEntry(bookingId, a.object(), meetingId.get(), personObject, personId));
        }
        return Optional.empty();
    }

    private static Optional<String> id(ActionOutcome o) {
        if (o instanceof ActionOutcome.Created c) {
            return Optional.of(c.id());
        }
        if (o instanceof ActionOutcome.Updated u) {
            return Optional.of(u.id());
        }
        return Optional.empty();
    }
}
