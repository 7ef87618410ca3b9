package io.oncesync.server.salesforce.lookup;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything to look up for a batch of interactions at once: the guests' emails and phones, records known by id
 * (the person a booking's ledger entry names, a converted Lead's Contact), and per person object
 * (Lead, Contact) the mapped fields whose current values the overwrite policy needs.
 */
public record PersonQuery(Set<String> emails, Set<String> phones, Set<String> recordIds,
                            Map<String, Set<String>> fieldsByObject) {
    public PersonQuery {
        emails = Set.copyOf(new LinkedHashSet<>(emails));
        phones = Set.copyOf(new LinkedHashSet<>(phones));
        recordIds = Set.copyOf(recordIds);
        recordIds.forEach(QueryText::soqlId);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        fieldsByObject.forEach((object, fields) -> {
            QueryText.identifier(object);
            fields.forEach(QueryText::identifier);
            copy.put(object, Set.copyOf(fields));
        });
        fieldsByObject = Map.copyOf(copy);
        if (fieldsByObject.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs at least one object to search");
        }
    }
}
