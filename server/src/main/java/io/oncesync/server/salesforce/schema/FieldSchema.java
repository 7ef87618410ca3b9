package io.oncesync.server.salesforce.schema;

import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PicklistEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One field as describe reports it, reduced to what mapping, writing and the schema snapshot need. */
public record FieldSchema(String name, String label, String type, String soapType, int length, int precision,
                          int scale, boolean nillable, boolean createable, boolean updateable,
                          boolean defaultedOnCreate, boolean custom, boolean calculated, boolean unique,
                          boolean externalId, boolean restrictedPicklist, List<String> picklistValues,
                          List<String> referenceTo, String relationshipName) {

    public FieldSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        label = label == null ? name : label;
        soapType = soapType == null ? "" : soapType;
        picklistValues = List.copyOf(picklistValues);
        referenceTo = List.copyOf(referenceTo);
    }

    /** Required on create: {@code nillable=false ∧ createable ∧ defaultedOnCreate=false}. */
    public boolean required() {
        return !nillable && createable && !defaultedOnCreate;
    }

    static FieldSchema of(Field f) {
        List<String> picklist = new ArrayList<>();
        if (f.getPicklistValues() != null) {
            for (PicklistEntry e : f.getPicklistValues()) {
                if (e.isActive()) {
                    picklist.add(e.getValue());
                }
            }
        }
        List<String> refs = f.getReferenceTo() == null ? List.of() : Arrays.asList(f.getReferenceTo());
        return new FieldSchema(f.getName(), f.getLabel(), f.getType() == null ? "anyType" : f.getType().toString(),
                f.getSoapType() == null ? "" : f.getSoapType().toString(), f.getLength(), f.getPrecision(),
                f.getScale(), f.isNillable(), f.isCreateable(), f.isUpdateable(), f.isDefaultedOnCreate(),
                f.isCustom(), f.isCalculated(), f.isUnique(), f.isExternalId(), f.isRestrictedPicklist(), picklist,
                refs, f.getRelationshipName());
    }
}
