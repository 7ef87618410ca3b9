package io.oncesync.engine.org;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Field metadata for the objects oncesync writes, as the gateway's describe calls found them. */
public record OrgMetadata(Map<SObjectType, ObjectMeta> objects) {

    public OrgMetadata {
        objects = objects.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(objects));
        objects.forEach((k, v) -> {
            if (v.object() != k) {
                throw new IllegalArgumentException(k + " holds metadata of " + v.object());
            }
        });
    }

    public static OrgMetadata of(ObjectMeta... metas) {
        Map<SObjectType, ObjectMeta> m = new EnumMap<>(SObjectType.class);
        for (ObjectMeta meta : metas) {
            m.put(meta.object(), meta);
        }
        return new OrgMetadata(m);
    }

    public Optional<ObjectMeta> object(SObjectType type) {
        return Optional.ofNullable(objects.get(type));
    }

    public Optional<FieldMeta> field(SObjectType type, String name) {
        return object(type).flatMap(o -> o.field(name));
    }
}
