package io.oncesync.engine.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.plan.Trace;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LedgerEntriesTest {

    private static Decision decision(RecordChoice person, RecordChoice meeting) {
        return new Decision("EVNT-1", person, meeting, List.of(), List.of(), List.of(), new Trace(List.of(), List.of()));
    }

    @Test
    @DisplayName("the ledger remembers the created meeting and the person, created or untouched")
    void created() {
        Decision d = decision(new RecordChoice(SObjectType.LEAD, null, "person"), new RecordChoice(SObjectType.EVENT, null, "meeting"));
        assertThat(LedgerEntries.after("BKNG-1", d, List.of(ActionOutcome.created("person", SObjectType.LEAD, "00QA"),
                ActionOutcome.created("meeting", SObjectType.EVENT, "00UA"))))
                .contains(new LedgerEntry("BKNG-1", SObjectType.EVENT, "00UA", SObjectType.LEAD, "00QA"));
        Decision untouched = decision(new RecordChoice(SObjectType.CONTACT, "003A", "person"), new RecordChoice(SObjectType.CASE, null, "meeting"));
        assertThat(LedgerEntries.after("BKNG-1", untouched, List.of(ActionOutcome.created("meeting", SObjectType.CASE, "500A"))))
                .contains(new LedgerEntry("BKNG-1", SObjectType.CASE, "500A", SObjectType.CONTACT, "003A"));
    }

    @Test
    @DisplayName("nothing is remembered when the meeting was rejected or there is no meeting")
    void nothing() {
        Decision d = decision(new RecordChoice(SObjectType.LEAD, null, "person"), new RecordChoice(SObjectType.EVENT, null, "meeting"));
        assertThat(LedgerEntries.after("BKNG-1", d, List.of(ActionOutcome.created("person", SObjectType.LEAD, "00QA"),
                new ActionOutcome.Rejected("meeting", SObjectType.EVENT, "FIELD_INTEGRITY_EXCEPTION", "bad", List.of(), false))))
                .isEmpty();
        assertThat(LedgerEntries.after("BKNG-1", decision(null, null), List.of())).isEmpty();
    }
}
