package io.oncesync.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.server.demo.DemoWebhooks;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Decision trace: what Salesforce answered per record")
class TraceJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OnceHubEvent event() {
        byte[] body = DemoWebhooks.all().get(0).body();
        return ((ParseResult.Accepted) new WebhookParser().parse(body)).event();
    }

    @Test
    @DisplayName("every kind of record outcome is written with its result, and a matched or followed record says why")
    void everyOutcomeKind() throws Exception {
        List<ActionOutcome> outcomes = List.of(
                ActionOutcome.created("person", SObjectType.LEAD, "00Q1"),
                new ActionOutcome.Saved("dup", SObjectType.LEAD, "00Q2", ActionOutcome.How.MATCHED_EXISTING,
                        "Standard_Lead_Duplicate_Rule"),
                new ActionOutcome.Saved("conv", SObjectType.CONTACT, "0033", ActionOutcome.How.FOLLOWED_CONVERSION,
                        "00Q3"),
                new ActionOutcome.Rejected("meeting", SObjectType.EVENT, "FIELD_INTEGRITY_EXCEPTION", "bad date",
                        List.of("StartDateTime"), false),
                new ActionOutcome.NotAttempted("case", SObjectType.CASE, "referenced write 'person' was not saved"));

        JsonNode results = JSON.readTree(TraceJson.of(event(), null, outcomes, null)).get("outcomes");

        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("result").asText()).isEqualTo("created");
        assertThat(results.get(0).get("id").asText()).isEqualTo("00Q1");
        assertThat(results.get(1).get("result").asText()).isEqualTo("matched existing");
        assertThat(results.get(1).get("reason").asText()).contains("Standard_Lead_Duplicate_Rule");
        assertThat(results.get(2).get("result").asText()).isEqualTo("updated");
        assertThat(results.get(2).get("object").asText()).isEqualTo("Contact");
        assertThat(results.get(2).get("reason").asText()).contains("Lead 00Q3 was converted");
        assertThat(results.get(3).get("result").asText()).isEqualTo("rejected");
        assertThat(results.get(3).get("statusCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(results.get(3).get("fields").get(0).asText()).isEqualTo("StartDateTime");
        assertThat(results.get(4).get("result").asText()).isEqualTo("not attempted");
        assertThat(results.get(4).get("reason").asText()).contains("'person'");
    }
}
