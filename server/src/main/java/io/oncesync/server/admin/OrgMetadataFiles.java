package io.oncesync.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.scenarios.OrgJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Org field metadata without a connected org, for checking settings offline: the standard objects (what a fresh
 * Developer Edition org has, as the golden scenarios assume), or a schema snapshot written by
 * {@code oncesync org snapshot} (the local org's describe-shaped JSON), whose objects replace the standard ones.
 */
public final class OrgMetadataFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STANDARD = "oncesync/scenarios/org-metadata.json";

    private OrgMetadataFiles() {
    }

    public static OrgMetadata standard() {
        try {
            return OrgJson.metadata(JSON.readTree(SettingsLoader.resource(STANDARD)), JSON.createObjectNode());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STANDARD, e);
        }
    }

    /**
     * The standard metadata with the objects of a describe-shaped file ({@code {"sobjects":[{"name":"Lead",
     * "fields":[…]}]}}) replacing theirs. Objects oncesync does not write are ignored.
     *
     * @throws IOException naming the file when it cannot be read or is not in that shape
     */
    public static OrgMetadata withSnapshot(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("sobjects").isArray()) {
            throw new IOException(file + ": not a schema file (expected {\"sobjects\": [...]})");
        }
        Map<SObjectType, ObjectMeta> objects = new EnumMap<>(SObjectType.class);
        standard().objects().forEach(objects::put);
        for (JsonNode o : root.get("sobjects")) {
            SObjectType type = SObjectType.fromApiName(o.path("name").asText()).orElse(null);
            if (type == null) {
                continue;
            }
            List<FieldMeta> fields = new ArrayList<>();
            for (JsonNode f : o.path("fields")) {
                String name = f.path("name").asText("");
                if (name.isEmpty()) {
                    throw new IOException(file + ": a field of " + type.apiName() + " has no name");
                }
                boolean nillable = f.path("nillable").asBoolean(true);
                boolean createable = f.path("createable").asBoolean(true);
                boolean defaulted = f.path("defaultedOnCreate").asBoolean(false);
                List<String> picklist = new ArrayList<>();
                for (JsonNode p : f.path("picklistValues")) {
                    if (p.path("active").asBoolean(true)) {
                        picklist.add(p.isTextual() ? p.asText() : p.path("value").asText());
                    }
                }
                fields.add(new FieldMeta(name, FieldType.fromDescribe(f.path("type").asText("string")).orElse(FieldType.ANYTYPE),
                        Math.max(0, f.path("length").asInt(0)), !nillable && createable && !defaulted, createable,
                        f.path("updateable").asBoolean(true), picklist, f.path("restrictedPicklist").asBoolean(false)));
            }
            objects.put(type, new ObjectMeta(type, fields));
        }
        return new OrgMetadata(objects);
    }
}
