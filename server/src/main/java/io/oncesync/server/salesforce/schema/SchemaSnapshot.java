package io.oncesync.server.salesforce.schema;

import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.lookup.QueryText;
import io.oncesync.server.salesforce.write.WriteBatches;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PicklistEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Writes a real org's describe (schema only, never data) in the file format the local org loads
 * ({@code LocalOrg.builder().schemaExtension(path)}), so an admin can try rules locally against their own required
 * fields, lengths and picklists. One {@code describeSObjects} call.
 */
public final class SchemaSnapshot {
    /** The objects oncesync writes, plus Account (Event.WhatId, converted Leads). */
    public static final List<String> DEFAULT_OBJECTS = List.of("Lead", "Contact", "Event", "Case", "Account");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaSnapshot() {
    }

    /** Describes {@code objects} and writes them to {@code target} atomically (a half-written file never appears). */
    public static int write(SalesforceClient client, List<String> objects, Path target) throws SalesforceUnavailable, IOException {
        objects.forEach(QueryText::identifier);
        DescribeSObjectResult[] described = client.describe(objects.toArray(String[]::new));
        String json = toJson(described);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".schema-", ".json");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return described.length;
    }

    public static String toJson(DescribeSObjectResult[] described) {
        ObjectNode root = JSON.createObjectNode();
        root.put("encoding", "UTF-8");
        root.put("maxBatchSize", WriteBatches.MAX_RECORDS_PER_CALL);
        ArrayNode sobjects = root.putArray("sobjects");
        for (DescribeSObjectResult d : described) {
            ObjectNode o = sobjects.addObject();
            o.put("name", d.getName());
            o.put("label", d.getLabel());
            o.put("labelPlural", d.getLabelPlural());
            o.put("keyPrefix", d.getKeyPrefix());
            o.put("custom", d.isCustom());
            o.put("createable", d.isCreateable());
            o.put("updateable", d.isUpdateable());
            o.put("deletable", d.isDeletable());
            o.put("queryable", d.isQueryable());
            o.put("retrieveable", d.isRetrieveable());
            o.put("searchable", d.isSearchable());
            ArrayNode fields = o.putArray("fields");
            if (d.getFields() != null) {
                for (Field f : d.getFields()) {
                    field(fields.addObject(), f);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a describe", e);
        }
    }

    private static void field(ObjectNode n, Field f) {
        n.put("name", f.getName());
        n.put("label", f.getLabel());
        n.put("type", f.getType() == null ? "anyType" : f.getType().toString());
        n.put("soapType", f.getSoapType() == null ? "xsd:anyType" : f.getSoapType().toString());
        n.put("length", f.getLength());
        n.put("precision", f.getPrecision());
        n.put("scale", f.getScale());
        n.put("digits", f.getDigits());
        n.put("nillable", f.isNillable());
        n.put("createable", f.isCreateable());
        n.put("updateable", f.isUpdateable());
        n.put("defaultedOnCreate", f.isDefaultedOnCreate());
        n.put("unique", f.isUnique());
        n.put("externalId", f.isExternalId());
        n.put("idLookup", f.isIdLookup());
        n.put("nameField", f.isNameField());
        n.put("calculated", f.isCalculated());
        n.put("autoNumber", f.isAutoNumber());
        n.put("custom", f.isCustom());
        n.put("restrictedPicklist", f.isRestrictedPicklist());
        ArrayNode refs = n.putArray("referenceTo");
        if (f.getReferenceTo() != null) {
            for (String r : f.getReferenceTo()) {
                refs.add(r);
            }
        }
        n.put("relationshipName", f.getRelationshipName());
        ArrayNode picks = n.putArray("picklistValues");
        if (f.getPicklistValues() != null) {
            for (PicklistEntry p : f.getPicklistValues()) {
                ObjectNode pn = picks.addObject();
                pn.put("value", p.getValue());
                pn.put("label", p.getLabel());
                pn.put("active", p.isActive());
                pn.put("defaultValue", p.isDefaultValue());
            }
        }
        Object dv = f.getDefaultValue();
        if (dv instanceof Boolean b) {
            n.put("defaultValue", b);
        } else if (dv != null) {
            n.put("defaultValue", Objects.toString(dv));
        }
    }
}
