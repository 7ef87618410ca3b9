package io.oncesync.server.salesforce.lookup;

import io.oncesync.server.salesforce.CallFailures;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;

import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LookupRequest;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.CandidateLookup;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's {@link CandidateLookup}: all requests of a batch become one {@link PersonQuery} (one SOQL per person
 * object for every email and id, one SOSL for every phone), and the answer is split back per request.
 */
public final class EngineLookup implements CandidateLookup {
    private final SalesforceGateway gateway;

    public EngineLookup(SalesforceGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Map<LookupRequest, List<Candidate>> find(Collection<LookupRequest> requests) throws CallFailure {
        Map<LookupRequest, List<Candidate>> out = new LinkedHashMap<>();
        List<LookupRequest> work = requests.stream().filter(r -> !r.isEmpty()).toList();
        requests.forEach(r -> out.put(r, List.of()));
        if (work.isEmpty()) {
            return out;
        }
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (LookupRequest r : work) {
            emails.addAll(r.emails());
            phones.addAll(r.phones());
            ids.addAll(r.recordIds());
            r.fields().forEach((object, f) -> fields.computeIfAbsent(object.apiName(), k -> new HashSet<>()).addAll(f));
        }
        fields.putIfAbsent("Lead", Set.of());
        fields.putIfAbsent("Contact", Set.of());
        PersonMatches matches;
        try {
            matches = gateway.session().lookup().find(new PersonQuery(emails, phones, ids, fields));
        } catch (SalesforceUnavailable e) {
            throw CallFailures.of(e);
        }
        for (LookupRequest r : work) {
            Map<String, Candidate> found = new LinkedHashMap<>();
            r.emails().forEach(e -> matches.forEmail(e).forEach(f -> add(found, f)));
            r.phones().forEach(p -> matches.forPhone(p).forEach(f -> add(found, f)));
            r.recordIds().forEach(id -> matches.forId(id).ifPresent(f -> add(found, f)));
            out.put(r, List.copyOf(found.values()));
        }
        return out;
    }

    private static void add(Map<String, Candidate> found, FoundRecord f) {
        Optional<SObjectType> type = SObjectType.fromApiName(f.objectType()).filter(SObjectType::isPerson);
        if (type.isEmpty() || found.containsKey(f.id())) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        f.values().forEach((k, v) -> {
            if (v != null && !v.toString().isBlank()) {
                values.put(k, v.toString());
            }
        });
        found.put(f.id(), new Candidate(type.get(), f.id(), f.lastModified(), f.converted() && type.get() == SObjectType.LEAD,
                f.convertedContactId().orElse(null), values));
    }
}
