package io.oncesync.server.admin;

import static io.oncesync.server.admin.AdminHttp.badRequest;
import static io.oncesync.server.admin.AdminHttp.blocking;
import static io.oncesync.server.admin.AdminHttp.param;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.OrgMetadataSource;
import io.oncesync.engine.settings.Compatibility;
import io.oncesync.server.http.ApiProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The connected org's schema as a settings author needs it, per object ({@code ?object=Lead}, or all four):
 * {@code GET /admin/mapping-options} (which fields each OnceHub property type can be mapped to) and
 * {@code GET /admin/required-fields} (what a create must fill). Salesforce not answering is a 503.
 */
final class SchemaRoutes {
    private final OrgMetadataSource metadata;

    SchemaRoutes(OrgMetadataSource metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    void mount(Router router) {
        router.get("/admin/mapping-options").handler(this::mappingOptions);
        router.get("/admin/required-fields").handler(this::requiredFields);
    }

    private void mappingOptions(RoutingContext ctx) {
        perObject(ctx, meta -> {
            JsonObject byType = new JsonObject();
            for (PropertyType t : PropertyType.values()) {
                JsonArray fields = new JsonArray();
                Compatibility.mappableFields(t, meta).forEach(f -> fields.add(AdminJson.field(f)));
                byType.put(t.name().toLowerCase(Locale.ROOT), fields);
            }
            return byType;
        });
    }

    private void requiredFields(RoutingContext ctx) {
        perObject(ctx, meta -> {
            JsonArray fields = new JsonArray();
            meta.requiredOnCreate().forEach(f -> fields.add(AdminJson.field(f)));
            return fields;
        });
    }

    private void perObject(RoutingContext ctx, Function<ObjectMeta, Object> render) {
        List<SObjectType> objects;
        try {
            objects = param(ctx, "object").map(o -> List.of(SObjectType.fromApiName(o).orElseThrow(() ->
                    new IllegalArgumentException("object must be one of Lead, Contact, Event, Case; got \"" + o + "\""))))
                    .orElse(List.of(SObjectType.values()));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage());
            return;
        }
        blocking(ctx, () -> {
            OrgMetadata meta = describe(EnumSet.copyOf(objects));
            JsonObject out = new JsonObject();
            for (SObjectType o : objects) {
                meta.object(o).ifPresent(m -> out.put(o.apiName(), render.apply(m)));
            }
            return out;
        });
    }

    private OrgMetadata describe(EnumSet<SObjectType> objects) {
        try {
            return metadata.describe(objects);
        } catch (CallFailure e) {
            throw new ApiProblem(503, "salesforce-unavailable", "Salesforce unavailable", e.getMessage());
        }
    }
}
