package io.oncesync.server.salesforce;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches per requested email (compared case-insensitively) and per requested phone (compared by digits), each
 * list newest first by {@code LastModifiedDate}. {@code ignoredFields} names requested fields the org does not
 * have (e.g. a mapped custom field that was deleted); they were left out of the query instead of failing it.
 */
public record LookupResult(Map<String, List<FoundRecord>> byEmail, Map<String, List<FoundRecord>> byPhone,
                           Set<String> ignoredFields) {
    public LookupResult {
        byEmail = Map.copyOf(byEmail);
        byPhone = Map.copyOf(byPhone);
        ignoredFields = Set.copyOf(ignoredFields);
    }

    public List<FoundRecord> forEmail(String email) {
        return email == null ? List.of() : byEmail.getOrDefault(emailKey(email), List.of());
    }

    public List<FoundRecord> forPhone(String phone) {
        return byPhone.getOrDefault(PhoneNumber.digits(phone), List.of());
    }

    static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
