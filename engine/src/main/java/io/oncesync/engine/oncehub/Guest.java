package io.oncesync.engine.oncehub;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The person behind an interaction, as OnceHub knows them.
 *
 * @param oncehubContactId CTC- id when OnceHub sent the contact object, else null
 * @param name             first/last name (split from a single full name when that is all there is)
 * @param email            the email given in this interaction (booking form), lower-case, or null
 * @param knownEmail       the email already stored on the OnceHub contact, lower-case, or null
 * @param phone            the phone as given (not normalised), or null
 * @param mobilePhone      the mobile phone as given, or null
 * @param properties       every non-blank contact property by its settings name ({@code email}, {@code job_title},
 *                         {@code custom:<name>}, {@code answer:<label>}; see {@code PropertyCatalog})
 */
public record Guest(String oncehubContactId, PersonName name, String email, String knownEmail, String phone,
                    String mobilePhone, Map<String, PropertyValue> properties) {

    public Guest {
        Objects.requireNonNull(name, "name");
        email = lower(email);
        knownEmail = lower(knownEmail);
        phone = Blank.toNull(phone);
        mobilePhone = Blank.toNull(mobilePhone);
        properties = Map.copyOf(properties);
    }

    private static String lower(String s) {
        String t = Blank.toNull(s);
        return t == null ? null : IdentityKeys.email(t);
    }

    /** The email to identify by: this interaction's, else the one on the OnceHub contact. */
    public Optional<String> bestEmail() {
        return Optional.ofNullable(email != null ? email : knownEmail);
    }

    /** A property by settings name, if OnceHub sent a non-blank value. */
    public Optional<PropertyValue> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}
