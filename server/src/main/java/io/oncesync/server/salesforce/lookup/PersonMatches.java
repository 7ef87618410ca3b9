package io.oncesync.server.salesforce.lookup;

import io.oncesync.engine.oncehub.IdentityKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches per requested email (compared case-insensitively) and per requested phone (compared by digits, keyed by {@link PhoneNumber#key}), each
 * list newest first by {@code LastModifiedDate}. {@code ignoredFields} names requested fields the org does not
 * have (e.g. a mapped custom field that was deleted); they were left out of the query instead of failing it.
 */
public record PersonMatches(Map<String, List<FoundRecord>> byEmail, Map<String, List<FoundRecord>> byPhone,
                           Map<String, FoundRecord> byId, Set<String> ignoredFields) {
    public PersonMatches {
        byEmail = Map.copyOf(byEmail);
        byPhone = Map.copyOf(byPhone);
        byId = Map.copyOf(byId);
        ignoredFields = Set.copyOf(ignoredFields);
    }

    public List<FoundRecord> forEmail(String email) {
        return email == null ? List.of() : byEmail.getOrDefault(emailKey(email), List.of());
    }

    public List<FoundRecord> forPhone(String phone) {
        return byPhone.getOrDefault(PhoneNumber.key(phone), List.of());
    }

    /** The record with this 15- or 18-character id, if it was requested and exists. */
    public java.util.Optional<FoundRecord> forId(String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        FoundRecord r = byId.get(id);
        if (r == null && id.length() >= 15) {
            r = byId.get(id.substring(0, 15));
        }
        return java.util.Optional.ofNullable(r);
    }

    /** ASCII case-insensitive only, as {@link IdentityKeys#email}: no Unicode folding merges distinct addresses. */
    static String emailKey(String email) {
        String key = IdentityKeys.email(email);
        return key == null ? "" : key;
    }
}
