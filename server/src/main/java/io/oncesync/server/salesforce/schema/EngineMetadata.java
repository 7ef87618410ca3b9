package io.oncesync.server.salesforce.schema;

import io.oncesync.server.salesforce.CallFailures;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.OrgMetadataSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's {@link OrgMetadataSource}, answered from the session's cached describe. */
public final class EngineMetadata implements OrgMetadataSource {
    private final SalesforceGateway gateway;

    public EngineMetadata(SalesforceGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public OrgMetadata describe(Set<SObjectType> objects) throws CallFailure {
        try {
            return convert(gateway.session().schema().current(), objects);
        } catch (SalesforceUnavailable e) {
            throw CallFailures.of(e);
        }
    }

    static OrgMetadata convert(OrgSchema schema, Set<SObjectType> objects) {
        Map<SObjectType, ObjectMeta> out = new EnumMap<>(SObjectType.class);
        for (SObjectType type : objects) {
            schema.object(type.apiName()).ifPresent(o -> out.put(type, convert(type, o)));
        }
        return new OrgMetadata(out);
    }

    public static ObjectMeta convert(SObjectType type, ObjectSchema object) {
        List<FieldMeta> fields = new ArrayList<>();
        for (FieldSchema f : object.fields().values()) {
            fields.add(new FieldMeta(f.name(), FieldType.fromDescribe(f.type()).orElse(FieldType.ANYTYPE),
                    Math.max(0, f.length()), f.required(), f.createable(), f.updateable(), f.picklistValues(),
                    f.restrictedPicklist()));
        }
        return new ObjectMeta(type, fields);
    }
}
