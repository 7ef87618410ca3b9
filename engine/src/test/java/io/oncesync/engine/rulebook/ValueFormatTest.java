package io.oncesync.engine.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ValueFormatTest {

    private static String ok(PropertyValue v, FieldType type) {
        ValueFormat.Rendered r = ValueFormat.render(v, FieldMeta.of("F", type, 0));
        assertThat(r.problem()).isNull();
        return r.text();
    }

    private static String problem(PropertyValue v, FieldMeta meta) {
        return ValueFormat.render(v, meta).problem();
    }

    @Test
    @DisplayName("values are rendered in Salesforce's wire format for the field's type")
    void conversions() {
        assertThat(ok(new PropertyValue(PropertyType.LIST, List.of("A", "B")), FieldType.MULTIPICKLIST)).isEqualTo("A;B");
        assertThat(ok(new PropertyValue(PropertyType.LIST, List.of("A", "B")), FieldType.TEXTAREA)).isEqualTo("A; B");
        assertThat(ok(PropertyValue.text("TRUE"), FieldType.BOOLEAN)).isEqualTo("true");
        assertThat(ok(new PropertyValue(PropertyType.NUMBER, new BigDecimal("42.0")), FieldType.INT)).isEqualTo("42");
        assertThat(ok(new PropertyValue(PropertyType.NUMBER, new BigDecimal("1E+3")), FieldType.STRING)).isEqualTo("1000");
        assertThat(ok(new PropertyValue(PropertyType.DATETIME, Instant.parse("2026-07-01T23:30:00Z")), FieldType.DATE)).isEqualTo("2026-07-01");
        assertThat(ok(new PropertyValue(PropertyType.DATE, LocalDate.parse("2026-07-01")), FieldType.DATETIME)).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(ok(PropertyValue.text("2026-07-01T10:00:00+02:00"), FieldType.DATETIME)).isEqualTo("2026-07-01T08:00:00Z");
        assertThat(ok(PropertyValue.text("003000000000001"), FieldType.REFERENCE)).isEqualTo("003000000000001");
    }

    @Test
    @DisplayName("what Salesforce would reject per record is a problem, before anything is sent")
    void problems() {
        assertThat(problem(PropertyValue.text("maybe"), FieldMeta.of("F", FieldType.BOOLEAN, 0))).isEqualTo("\"maybe\" is not true or false");
        assertThat(problem(new PropertyValue(PropertyType.NUMBER, new BigDecimal("2.5")), FieldMeta.of("F", FieldType.INT, 0)))
                .isEqualTo("\"2.5\" is not a whole number");
        assertThat(problem(PropertyValue.text("not-an-email"), FieldMeta.of("F", FieldType.EMAIL, 80)))
                .isEqualTo("\"not-an-email\" is not a valid email address");
        assertThat(problem(PropertyValue.text("🙂🙂🙂"), FieldMeta.of("F", FieldType.STRING, 2)))
                .as("length counts characters, not UTF-16 units").isEqualTo("is 3 characters, more than the field's 2");
        assertThat(ValueFormat.render(PropertyValue.text("🙂🙂"), FieldMeta.of("F", FieldType.STRING, 2)).problem()).isNull();
        assertThat(problem(new PropertyValue(PropertyType.LIST, List.of("A", "Z")),
                FieldMeta.of("F", FieldType.MULTIPICKLIST, 255).picklist(List.of("A", "B"), true)))
                .isEqualTo("\"Z\" is not a value of the restricted picklist [A, B]");
        assertThat(problem(PropertyValue.text("Jo"), FieldMeta.of("F", FieldType.REFERENCE, 18))).isEqualTo("\"Jo\" is not a Salesforce id");
    }
}
