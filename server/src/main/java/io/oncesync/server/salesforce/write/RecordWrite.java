package io.oncesync.server.salesforce.write;

import io.oncesync.server.salesforce.lookup.QueryText;

import io.oncesync.engine.org.SObjectType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One record to create or update. {@code idsFrom} fills reference fields with the id another write of the same
 * plan produces (e.g. {@code WhoId} ← the key of the Lead created for the guest), so a meeting can refer to its
 * person before the person has an id. Values: String, Boolean, Integer, Long, Double, BigDecimal, Instant,
 * OffsetDateTime, LocalDate.
 */
public record RecordWrite(String key, Kind kind, SObjectType object, String id, Map<String, Object> values,
                          Set<String> fieldsToNull, Map<String, String> idsFrom) {

    public enum Kind { CREATE, UPDATE }

    public RecordWrite {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("write key is blank");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        if (kind == Kind.UPDATE) {
            QueryText.soqlId(id);
        } else if (id != null) {
            throw new IllegalArgumentException("write '" + key + "': a create carries no id");
        }
        values = Map.copyOf(values);
        values.keySet().forEach(QueryText::identifier);
        fieldsToNull = Set.copyOf(fieldsToNull);
        fieldsToNull.forEach(QueryText::identifier);
        idsFrom = Map.copyOf(idsFrom);
        idsFrom.keySet().forEach(QueryText::identifier);
        for (String field : values.keySet()) {
            if (idsFrom.containsKey(field) || fieldsToNull.contains(field)) {
                throw new IllegalArgumentException("write '" + key + "': field " + field + " is set twice");
            }
        }
    }

    public static RecordWrite create(String key, SObjectType object, Map<String, Object> values) {
        return new RecordWrite(key, Kind.CREATE, object, null, values, Set.of(), Map.of());
    }

    public static RecordWrite update(String key, SObjectType object, String id, Map<String, Object> values) {
        return new RecordWrite(key, Kind.UPDATE, object, id, values, Set.of(), Map.of());
    }

    public RecordWrite withIdFrom(String field, String otherKey) {
        Map<String, String> refs = new LinkedHashMap<>(idsFrom);
        refs.put(field, otherKey);
        return new RecordWrite(key, kind, object, id, values, fieldsToNull, refs);
    }
}
