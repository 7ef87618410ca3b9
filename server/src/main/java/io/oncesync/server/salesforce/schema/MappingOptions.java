package io.oncesync.server.salesforce.schema;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.settings.Compatibility;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Per OnceHub property type, the fields of one object it may be mapped to, by the engine's compatibility matrix. */
public final class MappingOptions {
    private MappingOptions() {
    }

    public static Map<PropertyType, List<FieldMeta>> of(ObjectMeta object) {
        Map<PropertyType, List<FieldMeta>> out = new EnumMap<>(PropertyType.class);
        for (PropertyType type : PropertyType.values()) {
            out.put(type, Compatibility.mappableFields(type, object));
        }
        return out;
    }
}
