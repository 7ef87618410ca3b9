package io.oncesync.server.console;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.Compatibility;
import io.oncesync.server.admin.OrgMetadataFiles;
import io.oncesync.server.salesforce.schema.FieldSchema;
import io.oncesync.server.salesforce.schema.ObjectSchema;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The org as the settings page needs it: field metadata to validate against (the connected org's describe, or the
 * standard objects when Salesforce does not answer; {@link #source()} says which) and field labels for the
 * dropdowns. Blocking.
 */
record OrgView(OrgMetadata metadata, Map<String, String> labels, String source) {

    static OrgView read(SalesforceGateway gateway) {
        try {
            OrgMetadata m = gateway.metadata().describe(EnumSet.allOf(SObjectType.class));
            Map<String, String> labels = new HashMap<>();
            for (ObjectSchema o : gateway.session().schema().current().objects().values()) {
                for (FieldSchema f : o.fields().values()) {
                    labels.put(key(o.name(), f.name()), f.label());
                }
            }
            return new OrgView(m, Map.copyOf(labels), "connected org");
        } catch (Exception e) {
            return new OrgView(OrgMetadataFiles.standard(), Map.of(),
                    "standard objects (Salesforce not reachable: " + e.getMessage() + ")");
        }
    }

    private static String key(String object, String field) {
        return object.toLowerCase(Locale.ROOT) + "." + field.toLowerCase(Locale.ROOT);
    }

    String label(SObjectType object, String field) {
        return labels.getOrDefault(key(object.apiName(), field), field);
    }

    /** Per object: every field (name, label, type, required, picklist) and, per property type, the fields it may fill. */
    JsonObject objectsJson() {
        JsonObject out = new JsonObject();
        for (SObjectType type : SObjectType.values()) {
            metadata.object(type).ifPresent(o -> out.put(type.apiName(), objectJson(type, o)));
        }
        return out;
    }

    private JsonObject objectJson(SObjectType type, ObjectMeta o) {
        JsonArray fields = new JsonArray();
        for (FieldMeta f : o.fields()) {
            JsonObject j = new JsonObject().put("name", f.name()).put("label", label(type, f.name()))
                    .put("type", f.type().describeName()).put("length", f.length())
                    .put("required", f.requiredOnCreate()).put("writable", f.createable() || f.updateable());
            if (!f.picklistValues().isEmpty()) {
                j.put("picklist", new JsonArray(f.picklistValues())).put("restricted", f.restricted());
            }
            fields.add(j);
        }
        JsonObject compatible = new JsonObject();
        for (PropertyType p : PropertyType.values()) {
            compatible.put(p.name().toLowerCase(Locale.ROOT), new JsonArray(
                    Compatibility.mappableFields(p, o).stream().map(FieldMeta::name).toList()));
        }
        return new JsonObject().put("fields", fields).put("compatible", compatible);
    }
}
