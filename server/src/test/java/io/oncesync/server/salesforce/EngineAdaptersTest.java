package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.write.EngineWriter;
import io.oncesync.server.salesforce.write.RecordOutcome;
import io.oncesync.server.salesforce.write.RecordWrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Contradiction;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.plan.Trace;
import io.oncesync.engine.port.ActionOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Adapting the engine's plans, outcomes and ledger")
class EngineAdaptersTest {

    private static PlannedAction person() {
        Map<String, FieldValue> f = new LinkedHashMap<>();
        f.put("LastName", new FieldValue.Literal("Moreau"));
        f.put("Company", new FieldValue.Literal("Client SA"));
        return new PlannedAction("person", SObjectType.LEAD, Operation.CREATE, null, f);
    }

    private static PlannedAction meeting() {
        Map<String, FieldValue> f = new LinkedHashMap<>();
        f.put("Subject", new FieldValue.Literal("Call"));
        f.put("WhoId", new FieldValue.ResultOf("person"));
        return new PlannedAction("meeting", SObjectType.EVENT, Operation.CREATE, null, f);
    }

    @Test
    @DisplayName("a ResultOf value becomes a reference to the earlier write, an empty literal clears a field on update")
    void actionsBecomeWrites() {
        RecordWrite w = EngineWriter.write(meeting());
        assertThat(w.idsFrom()).isEqualTo(Map.of("WhoId", "person"));
        assertThat(w.values()).isEqualTo(Map.of("Subject", "Call"));

        Map<String, FieldValue> f = new LinkedHashMap<>();
        f.put("Title", new FieldValue.Literal(""));
        f.put("Phone", new FieldValue.Literal("+1 415"));
        RecordWrite u = EngineWriter.write(new PlannedAction("p", SObjectType.CONTACT, Operation.UPDATE, "003000000000101AAA", f));
        assertThat(u.fieldsToNull()).containsExactly("Title");
        assertThat(u.values()).isEqualTo(Map.of("Phone", "+1 415"));
    }

    @Test
    @DisplayName("every record outcome maps to the engine's outcome, a followed conversion as an update of the Contact")
    void outcomesMap() {
        PlannedAction p = person();
        assertThat(EngineWriter.outcome(p, new RecordOutcome.Written("00Q1", true)))
                .isEqualTo(new ActionOutcome.Created("person", SObjectType.LEAD, "00Q1"));
        assertThat(EngineWriter.outcome(p, new RecordOutcome.MatchedExisting("00Q2", "Standard_Lead_Duplicate_Rule")))
                .isEqualTo(new ActionOutcome.Updated("person", SObjectType.LEAD, "00Q2"));
        assertThat(EngineWriter.outcome(p, new RecordOutcome.FollowedConversion("0033", "00Q3")))
                .isEqualTo(new ActionOutcome.Updated("person", SObjectType.CONTACT, "0033"));
        assertThat(EngineWriter.outcome(p, new RecordOutcome.Rejected("UNABLE_TO_LOCK_ROW", "busy", List.of(), true)))
                .isEqualTo(new ActionOutcome.Rejected("person", SObjectType.LEAD, "UNABLE_TO_LOCK_ROW", "busy", List.of(), true));
        assertThat(EngineWriter.outcome(meeting(), new RecordOutcome.Skipped("person", "referenced write 'person' was not saved")))
                .isEqualTo(new ActionOutcome.NotAttempted("meeting", SObjectType.EVENT, "referenced write 'person' was not saved"));
    }
}
