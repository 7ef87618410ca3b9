package io.oncesync.server.salesforce.lookup;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Lead or Contact that matched a guest's email or phone, with its current field values ({@code null} for empty
 * fields), when it was last modified and, for a Lead, whether and into which Contact it was converted.
 */
public record FoundRecord(String objectType, String id, Instant lastModified, boolean converted,
                          Optional<String> convertedContactId, Map<String, Object> values) {
    public FoundRecord {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(convertedContactId, "convertedContactId");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String text(String field) {
        Object v = values.get(field);
        return v == null ? null : v.toString();
    }
}
