package io.oncesync.server.salesforce.schema;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The describe of the objects oncesync writes, as of {@code describedAt}. */
public record OrgSchema(Map<String, ObjectSchema> objects, Instant describedAt) {
    /** The objects oncesync reads and writes, described in one call. */
    public static final List<String> OBJECTS = List.of("Lead", "Contact", "Event", "Case");

    public OrgSchema {
        Map<String, ObjectSchema> ordered = new LinkedHashMap<>();
        objects.values().forEach(o -> ordered.put(o.name(), o));
        objects = Collections.unmodifiableMap(ordered);
        Objects.requireNonNull(describedAt, "describedAt");
    }

    public Optional<ObjectSchema> object(String name) {
        return objects.values().stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
    }

    public ObjectSchema require(String name) {
        return object(name).orElseThrow(() -> new IllegalArgumentException("object " + name + " was not described"));
    }
}
