package io.oncesync.engine.org;

import io.oncesync.engine.oncehub.Guest;
import io.oncesync.engine.oncehub.IdentityKeys;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway must fetch from the org to decide one event: Leads and Contacts by email, else by phone (the
 * identification order: phones are searched only when the guest gave no email), plus records by id (the
 * person the ledger remembers, converted Leads' Contacts); and which fields to select per object.
 *
 * @param emails    lower-cased emails; match Email case-insensitively
 * @param phones    phone numbers as the guest gave them; match Phone or MobilePhone by digits
 *                  ({@link IdentityKeys#samePhone})
 * @param recordIds Lead or Contact ids to fetch directly
 * @param fields    per object (LEAD, CONTACT), the fields to select: Id, LastModifiedDate, Email, Phone,
 *                  MobilePhone, every field mapped on the object's tab, and for Leads IsConverted and
 *                  ConvertedContactId
 */
public record LookupRequest(List<String> emails, List<String> phones, List<String> recordIds,
                            Map<SObjectType, List<String>> fields) {

    public LookupRequest {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        recordIds = List.copyOf(recordIds);
        fields = Map.copyOf(fields);
    }

    /** The request for an event, given the ledger entry of its booking (if any) and the settings. */
    public static LookupRequest of(OnceHubEvent event, Optional<LedgerEntry> ledger, Settings settings) {
        Guest guest = event.data().guest();
        Set<String> emails = new LinkedHashSet<>();
        if (guest.email() != null) {
            emails.add(guest.email());
        }
        if (guest.knownEmail() != null) {
            emails.add(guest.knownEmail());
        }
        List<String> phones = new ArrayList<>();
        if (emails.isEmpty()) {
            for (String p : new String[] {guest.phone(), guest.mobilePhone()}) {
                if (IdentityKeys.phoneDigits(p) != null && phones.stream().noneMatch(q -> IdentityKeys.samePhone(p, q))) {
                    phones.add(p);
                }
            }
        }
        List<String> ids = ledger.map(LedgerEntry::personId).map(List::of).orElse(List.of());
        return new LookupRequest(List.copyOf(emails), phones, ids, fieldsToSelect(settings));
    }

    /**
     * A second request for what the first answer points at but did not include: the Contacts that converted
     * Leads became. Empty when nothing is missing.
     */
    public Optional<LookupRequest> followUp(Collection<Candidate> found) {
        Set<String> have = new LinkedHashSet<>();
        found.forEach(c -> have.add(c.id()));
        List<String> missing = found.stream().filter(Candidate::converted).map(Candidate::convertedContactId)
                .filter(id -> id != null && !have.contains(id)).distinct().toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(new LookupRequest(List.of(), List.of(), missing, fields));
    }

    /** True when there is nothing to search for: the guest gave no email or phone and the ledger knows nobody. */
    public boolean isEmpty() {
        return emails.isEmpty() && phones.isEmpty() && recordIds.isEmpty();
    }

    static Map<SObjectType, List<String>> fieldsToSelect(Settings settings) {
        Map<SObjectType, List<String>> out = new EnumMap<>(SObjectType.class);
        for (SObjectType object : new SObjectType[] {SObjectType.LEAD, SObjectType.CONTACT}) {
            Set<String> f = new LinkedHashSet<>(List.of("Id", "LastModifiedDate", "Email", "Phone", "MobilePhone"));
            if (object == SObjectType.LEAD) {
                f.add("IsConverted");
                f.add("ConvertedContactId");
            }
            settings.tab(object).stream().map(FieldMapping::field).forEach(f::add);
            out.put(object, List.copyOf(f));
        }
        return out;
    }
}
