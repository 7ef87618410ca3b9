package io.oncesync.server.salesforce.schema;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One sObject's describe: its fields by API name (looked up case-insensitively, as Salesforce does). */
public record ObjectSchema(String name, String label, String keyPrefix, boolean createable, boolean updateable,
                           Map<String, FieldSchema> fields) {

    public ObjectSchema {
        Objects.requireNonNull(name, "name");
        Map<String, FieldSchema> ordered = new LinkedHashMap<>();
        fields.values().forEach(f -> ordered.put(f.name(), f));
        fields = Collections.unmodifiableMap(ordered);
    }

    static ObjectSchema of(DescribeSObjectResult d) {
        Map<String, FieldSchema> fields = new LinkedHashMap<>();
        if (d.getFields() != null) {
            for (Field f : d.getFields()) {
                fields.put(f.getName(), FieldSchema.of(f));
            }
        }
        return new ObjectSchema(d.getName(), d.getLabel(), d.getKeyPrefix(), d.isCreateable(), d.isUpdateable(), fields);
    }

    public Optional<FieldSchema> field(String apiName) {
        FieldSchema exact = fields.get(apiName);
        if (exact != null) {
            return Optional.of(exact);
        }
        String lower = apiName.toLowerCase(Locale.ROOT);
        return fields.values().stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    public boolean has(String apiName) {
        return field(apiName).isPresent();
    }

    /** Fields the API requires on create, which a mapping must fill or give a fallback for. */
    public List<FieldSchema> requiredFields() {
        return fields.values().stream().filter(FieldSchema::required).toList();
    }
}
