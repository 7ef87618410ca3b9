package io.oncesync.server.salesforce;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.write.OutcomeClassifier;
import io.oncesync.server.salesforce.write.RecordWrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DML status codes of the research note (§5.3), each produced by the local org through the real client and
 * classified by {@link OutcomeClassifier}. The codes that need a write oncesync never makes (upsert, allOrNone)
 * are produced with the raw connection; NUMBER_OUTSIDE_VALID_RANGE, which the local org does not emit, is covered
 * by the classifier's table test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Salesforce's per-record status codes, end to end")
class StatusCodeIntegrationTest {
    private OrgFixture fx;
    private OrgSession session;

    @BeforeAll
    void start() throws Exception {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
        session = fx.adminSession();
        session.schema().current();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private static Map<String, Object> lead(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("LastName", "Status", "Company", "Codes Inc"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> event(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("Subject", "Call",
                "StartDateTime", "2026-12-01T10:00:00.000Z", "DurationInMinutes", "30"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> refusedWrites() {
        return Stream.of(
                Arguments.of("REQUIRED_FIELD_MISSING", RecordWrite.create("w", SObjectType.LEAD, Map.of("LastName", "No Company"))),
                Arguments.of("INVALID_EMAIL_ADDRESS", RecordWrite.create("w", SObjectType.LEAD, lead("Email", "not-an-email"))),
                Arguments.of("STRING_TOO_LONG", RecordWrite.create("w", SObjectType.LEAD, lead("LastName", "x".repeat(81)))),
                Arguments.of("INVALID_TYPE_ON_FIELD_IN_RECORD", RecordWrite.create("w", SObjectType.LEAD, lead("NumberOfEmployees", "many"))),
                Arguments.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", RecordWrite.create("w", SObjectType.EVENT, event("ShowAs", "Snoozing"))),
                Arguments.of("INVALID_FIELD_FOR_INSERT_UPDATE", RecordWrite.create("w", SObjectType.LEAD, lead("Name", "Read Only"))),
                Arguments.of("MALFORMED_ID", RecordWrite.create("w", SObjectType.EVENT, event("WhoId", "not-an-id"))),
                Arguments.of("INVALID_CROSS_REFERENCE_KEY", RecordWrite.create("w", SObjectType.EVENT, event("WhoId", "003000000000999AAA"))),
                Arguments.of("FIELD_INTEGRITY_EXCEPTION", RecordWrite.create("w", SObjectType.CASE, Map.of("Subject", "x",
                        "ContactId", "00Q000000000101EAA"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWrites")
    @DisplayName("a refused record comes back as a permanent rejection naming Salesforce's code")
    void refused(String code, RecordWrite write) {
        ActionOutcome outcome = session.writer().write(List.of(write)).outcome("w");
        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Rejected.class, r -> {
            assertThat(r.statusCode()).isEqualTo(code);
            assertThat(r.retryable()).isFalse();
            assertThat(r.message()).isNotBlank();
        });
    }

    @Test
    @DisplayName("ENTITY_IS_DELETED: updating a deleted record is permanent")
    void deleted() throws Exception {
        String id = session.writer().write(List.of(RecordWrite.create("p", SObjectType.LEAD, lead()))).outcome("p").savedId().orElseThrow();
        session.client().call("delete", c -> c.delete(new String[] {id}));
        ActionOutcome o = session.writer().write(List.of(RecordWrite.update("u", SObjectType.LEAD, id, Map.of("Title", "x")))).outcome("u");
        assertThat(o).isInstanceOfSatisfying(ActionOutcome.Rejected.class, r -> {
            assertThat(r.statusCode()).isEqualTo("ENTITY_IS_DELETED");
            assertThat(r.retryable()).isFalse();
        });
    }

    @Test
    @DisplayName("MISSING_ARGUMENT, DUPLICATE_EXTERNAL_ID and ALL_OR_NONE_OPERATION_ROLLED_BACK classify as the table says")
    void rawConnectionCodes() throws Exception {
        SObject noId = new SObject("Lead");
        noId.setField("Title", "x");
        SaveResult[] missing = session.client().update(new SObject[] {noId});
        assertThat(missing[0].getErrors()[0].getStatusCode().name()).isEqualTo("MISSING_ARGUMENT");
        assertThat(OutcomeClassifier.classify("MISSING_ARGUMENT")).isEqualTo(OutcomeClassifier.Disposition.PERMANENT);

        SObject good = new SObject("Lead");
        good.setField("LastName", "Fine");
        good.setField("Company", "Fine Co");
        SObject bad = new SObject("Lead");
        bad.setField("LastName", "No company");
        SaveResult[] rolledBack = session.client().call("create", c -> {
            c.setAllOrNoneHeader(true);
            try {
                return c.create(new SObject[] {good, bad});
            } finally {
                c.clearAllOrNoneHeader();
            }
        });
        assertThat(rolledBack[0].getErrors()[0].getStatusCode().name()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(OutcomeClassifier.classify("ALL_OR_NONE_OPERATION_ROLLED_BACK")).isEqualTo(OutcomeClassifier.Disposition.RETRY);
        assertThat(rolledBack[1].getErrors()[0].getStatusCode().name()).isEqualTo("REQUIRED_FIELD_MISSING");
    }

    @Test
    @DisplayName("CANNOT_UPDATE_CONVERTED_LEAD is followed to the Contact, and permanent when there is no Contact to follow")
    void convertedWithoutContact() {
        ActionOutcome o = session.writer().write(List.of(RecordWrite.create("m", SObjectType.EVENT,
                event("WhoId", "00Q000000000104EAA")))).outcome("m");
        assertThat(o).isEqualTo(new ActionOutcome.Rejected("m", SObjectType.EVENT, "CANNOT_UPDATE_CONVERTED_LEAD",
                "refers to a converted Lead whose Contact could not be found", List.of(), false));
        assertThat(OutcomeClassifier.classify("CANNOT_UPDATE_CONVERTED_LEAD"))
                .isEqualTo(OutcomeClassifier.Disposition.FOLLOW_CONVERTED_CONTACT);
    }
}
