package io.oncesync.engine.org;

import io.oncesync.engine.oncehub.IdentityKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Lead or Contact the gateway found that may be the guest, with its current values.
 *
 * @param convertedContactId for a converted Lead, the Contact it became; else null
 * @param values             current field values by API name (Email, Phone, MobilePhone, every mapped field);
 *                           null or blank values are dropped, so a blank field is simply absent
 */
public record Candidate(SObjectType object, String id, Instant lastModified, boolean converted,
                        String convertedContactId, Map<String, String> values) {

    public Candidate {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastModified, "lastModified");
        if (!object.isPerson()) {
            throw new IllegalArgumentException("a candidate is a Lead or Contact, not " + object);
        }
        if (converted && object != SObjectType.LEAD) {
            throw new IllegalArgumentException("only a Lead can be converted");
        }
        // null and blank values are dropped: a blank Salesforce field is simply absent
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                kept.put(k, v);
            }
        });
        values = java.util.Collections.unmodifiableMap(kept);
    }

    /** The current value of a field, or null when blank. */
    public String value(String field) {
        String v = values.get(field);
        if (v == null) {
            // Salesforce field names are case-insensitive; settings may spell them differently than describe
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    v = e.getValue();
                    break;
                }
            }
        }
        return v == null || v.isBlank() ? null : v;
    }

    /** True when the field currently holds a non-blank value. */
    public boolean hasValue(String field) {
        return value(field) != null;
    }

    /** True when the field currently holds exactly {@code text} (ignoring surrounding white space). */
    public boolean holds(String field, String text) {
        String v = value(field);
        return v != null && text != null && v.strip().equals(text.strip());
    }

    /** The Email as compared (lower-case), or null. */
    public String emailKey() {
        return IdentityKeys.email(value("Email"));
    }

    /** True when {@code phone} is the same number as this record's Phone or MobilePhone. */
    public boolean hasPhone(String phone) {
        return IdentityKeys.samePhone(phone, value("Phone")) || IdentityKeys.samePhone(phone, value("MobilePhone"));
    }
}
