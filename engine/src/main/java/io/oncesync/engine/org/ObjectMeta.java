package io.oncesync.engine.org;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The described fields of one sObject, looked up case-insensitively (Salesforce field names are). */
public record ObjectMeta(SObjectType object, List<FieldMeta> fields) {

    public ObjectMeta {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
    }

    public Optional<FieldMeta> field(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<FieldMeta> requiredOnCreate() {
        return fields.stream().filter(FieldMeta::requiredOnCreate).toList();
    }

    /** By name, in describe order. */
    public Map<String, FieldMeta> byName() {
        Map<String, FieldMeta> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f.name(), f));
        return m;
    }
}
