package io.oncesync.server.salesforce.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.StatusCode;
import io.oncesync.server.salesforce.write.OutcomeClassifier.Disposition;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The per-record outcome classifier")
class OutcomeClassifierTest {

    /** Every status code named in the research note's DML section (§5.3), and what oncesync does with it. */
    static Stream<Arguments> statusCodesOfDmlSemantics() {
        return Stream.of(
                Arguments.of("UNABLE_TO_LOCK_ROW", Disposition.RETRY),
                Arguments.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", Disposition.RETRY),
                Arguments.of("DUPLICATES_DETECTED", Disposition.USE_MATCHED_RECORD),
                Arguments.of("CANNOT_UPDATE_CONVERTED_LEAD", Disposition.FOLLOW_CONVERTED_CONTACT),
                Arguments.of("REQUIRED_FIELD_MISSING", Disposition.PERMANENT),
                Arguments.of("FIELD_INTEGRITY_EXCEPTION", Disposition.PERMANENT),
                Arguments.of("INVALID_CROSS_REFERENCE_KEY", Disposition.PERMANENT),
                Arguments.of("INVALID_EMAIL_ADDRESS", Disposition.PERMANENT),
                Arguments.of("STRING_TOO_LONG", Disposition.PERMANENT),
                Arguments.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", Disposition.PERMANENT),
                Arguments.of("INVALID_TYPE_ON_FIELD_IN_RECORD", Disposition.PERMANENT),
                Arguments.of("NUMBER_OUTSIDE_VALID_RANGE", Disposition.PERMANENT),
                Arguments.of("INVALID_FIELD_FOR_INSERT_UPDATE", Disposition.PERMANENT),
                Arguments.of("MALFORMED_ID", Disposition.PERMANENT),
                Arguments.of("ENTITY_IS_DELETED", Disposition.PERMANENT),
                Arguments.of("MISSING_ARGUMENT", Disposition.PERMANENT),
                Arguments.of("DUPLICATE_EXTERNAL_ID", Disposition.PERMANENT));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("statusCodesOfDmlSemantics")
    @DisplayName("maps every status code of the DML semantics to the agreed disposition")
    void mapsEveryDmlStatusCode(String code, Disposition expected) {
        assertThat(StatusCode.valueOf(code)).as("a real 65.0 status code").isNotNull();
        assertThat(OutcomeClassifier.classify(code)).isEqualTo(expected);
        assertThat(OutcomeClassifier.isRetryable(code)).isEqualTo(expected == Disposition.RETRY);
    }

    @Test
    @DisplayName("treats codes nobody has looked at, and a missing code, as permanent")
    void unknownCodesArePermanent() {
        assertThat(OutcomeClassifier.classify("SOMETHING_NEW_IN_66")).isEqualTo(Disposition.PERMANENT);
        assertThat(OutcomeClassifier.classify(null)).isEqualTo(Disposition.PERMANENT);
        assertThat(OutcomeClassifier.classify("FIELD_CUSTOM_VALIDATION_EXCEPTION")).isEqualTo(Disposition.PERMANENT);
    }

    @Test
    @DisplayName("classifies every one of the 65.0 status codes, retrying only a handful of transient ones")
    void classifiesTheWholeEnum() {
        long retried = Arrays.stream(StatusCode.values()).map(StatusCode::name)
                .filter(OutcomeClassifier::isRetryable).count();
        assertThat(StatusCode.values()).hasSizeGreaterThan(600);
        assertThat(retried).isBetween(2L, 10L);
    }
}
