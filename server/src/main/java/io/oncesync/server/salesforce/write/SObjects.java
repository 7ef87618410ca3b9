package io.oncesync.server.salesforce.write;

import com.sforce.soap.partner.sobject.SObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;

/** Turning a {@link RecordWrite} into the Partner client's {@link SObject}, with Java values the client can type. */
public final class SObjects {
    private SObjects() {
    }

    static SObject toSObject(RecordWrite w, Map<String, String> resolvedIds) {
        SObject s = new SObject(w.object().apiName());
        if (w.kind() == RecordWrite.Kind.UPDATE) {
            s.setId(w.id());
        }
        w.values().forEach((field, value) -> s.setField(field, wireValue(w.key(), field, value)));
        w.idsFrom().forEach((field, key) -> s.setField(field, resolvedIds.get(key)));
        if (!w.fieldsToNull().isEmpty()) {
            s.setFieldsToNull(w.fieldsToNull().stream().sorted().toArray(String[]::new));
        }
        return s;
    }

    static Object wireValue(String key, String field, Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof Instant i) {
            return calendar(i);
        }
        if (value instanceof OffsetDateTime o) {
            return calendar(o.toInstant());
        }
        if (value instanceof ZonedDateTime z) {
            return calendar(z.toInstant());
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        throw new IllegalArgumentException("write '" + key + "': field " + field + " has a value of unsupported type "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static Calendar calendar(Instant i) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(i.toEpochMilli());
        return c;
    }

    public static String text(SObject s, String field) {
        Object v = s.getField(field);
        return v == null ? null : v.toString();
    }
}
