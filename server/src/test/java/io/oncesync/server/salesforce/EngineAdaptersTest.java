package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.write.EngineWriter;
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
    @DisplayName("the writer's outcome comes back under the plan's key, unchanged otherwise; an unreached action is not attempted")
    void outcomesMap() {
        PlannedAction p = person();
        ActionOutcome.Saved followed = new ActionOutcome.Saved("3/person", SObjectType.CONTACT, "0033",
                ActionOutcome.How.FOLLOWED_CONVERSION, "00Q3");
        assertThat(EngineWriter.outcome(p, followed)).isEqualTo(new ActionOutcome.Saved("person", SObjectType.CONTACT,
                "0033", ActionOutcome.How.FOLLOWED_CONVERSION, "00Q3"));
        assertThat(EngineWriter.outcome(p, new ActionOutcome.Rejected("0/person", SObjectType.LEAD, "UNABLE_TO_LOCK_ROW",
                "busy", List.of(), true)))
                .isEqualTo(new ActionOutcome.Rejected("person", SObjectType.LEAD, "UNABLE_TO_LOCK_ROW", "busy", List.of(), true));
        assertThat(EngineWriter.outcome(meeting(), null))
                .isEqualTo(new ActionOutcome.NotAttempted("meeting", SObjectType.EVENT, "not reached"));
    }
}
