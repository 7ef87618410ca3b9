package io.oncesync.engine.plan;

import io.oncesync.engine.org.SObjectType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write in a plan.
 *
 * @param key      a name unique in the plan ({@code person}, {@code meeting}) that later actions refer to with
 *                 {@link FieldValue.ResultOf}
 * @param recordId the record to update; null for CREATE
 * @param fields   the values to write by field API name, in a stable order
 */
public record PlannedAction(String key, SObjectType object, Operation operation, String recordId,
                            Map<String, FieldValue> fields) {

    public PlannedAction {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(operation, "operation");
        if ((operation == Operation.UPDATE) != (recordId != null)) {
            throw new IllegalArgumentException(key + ": an UPDATE needs a record id and a CREATE has none");
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
