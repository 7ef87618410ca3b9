package io.oncesync.server.salesforce.lookup;

import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.schema.FieldSchema;
import io.oncesync.server.salesforce.schema.ObjectSchema;
import io.oncesync.server.salesforce.schema.OrgSchema;
import io.oncesync.server.salesforce.write.RecordWrite;
import io.oncesync.server.salesforce.write.SObjects;

import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.org.SObjectType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Following a converted Lead to the Contact it became (CANNOT_UPDATE_CONVERTED_LEAD). */
public final class ConvertedLeads {
    private ConvertedLeads() {
    }

    public static boolean isLeadId(Object value) {
        return value instanceof String s && s.startsWith("00Q") && (s.length() == 15 || s.length() == 18);
    }

    /** Converted Lead id → its Contact id, in one query. */
    public static Map<String, String> contacts(SalesforceClient client, Set<String> leadIds) throws SalesforceUnavailable {
        Map<String, String> contactOf = new HashMap<>();
        if (leadIds.isEmpty()) {
            return contactOf;
        }
        List<SObject> rows = client.query("SELECT Id, ConvertedContactId FROM Lead WHERE Id IN "
                + QueryText.soqlList(leadIds.stream().map(QueryText::soqlId).map(s -> s.substring(1, s.length() - 1)).toList())
                + " AND IsConverted = true");
        for (SObject row : rows) {
            String contact = SObjects.text(row, "ConvertedContactId");
            if (contact != null && !contact.isBlank()) {
                contactOf.put(row.getId(), contact);
                if (row.getId().length() == 18) {
                    contactOf.put(row.getId().substring(0, 15), contact);
                }
            }
        }
        return contactOf;
    }

    /**
     * The write redirected to the Contact: an update of the Lead becomes an update of the Contact with the fields
     * a Contact has; a reference to the Lead (e.g. Event.WhoId) becomes a reference to the Contact.
     */
    public static Optional<RecordWrite> follow(RecordWrite w, Map<String, String> resolvedIds, Map<String, String> contactOf,
                                        OrgSchema org) {
        if (w.kind() == RecordWrite.Kind.UPDATE && w.object() == SObjectType.LEAD) {
            String contact = contactOf.get(w.id());
            if (contact == null) {
                return Optional.empty();
            }
            Optional<ObjectSchema> contactSchema = org.object("Contact");
            Map<String, Object> values = new LinkedHashMap<>();
            w.values().forEach((f, v) -> {
                if (contactSchema.map(s -> s.field(f).map(FieldSchema::updateable).orElse(false)).orElse(false)) {
                    values.put(f, v);
                }
            });
            return Optional.of(new RecordWrite(w.key(), RecordWrite.Kind.UPDATE, SObjectType.CONTACT, contact, values,
                    Set.of(), Map.of()));
        }
        boolean changed = false;
        Map<String, Object> values = new LinkedHashMap<>(w.values());
        for (Map.Entry<String, Object> e : w.values().entrySet()) {
            if (isLeadId(e.getValue()) && contactOf.containsKey((String) e.getValue())) {
                values.put(e.getKey(), contactOf.get((String) e.getValue()));
                changed = true;
            }
        }
        Map<String, String> refs = new LinkedHashMap<>(w.idsFrom());
        for (Map.Entry<String, String> e : w.idsFrom().entrySet()) {
            String id = resolvedIds.get(e.getValue());
            if (isLeadId(id) && contactOf.containsKey(id)) {
                refs.remove(e.getKey());
                values.put(e.getKey(), contactOf.get(id));
                changed = true;
            }
        }
        return changed ? Optional.of(new RecordWrite(w.key(), w.kind(), w.object(), w.id(), values,
                w.fieldsToNull(), refs)) : Optional.empty();
    }
}
