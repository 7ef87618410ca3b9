package io.oncesync.engine.facts;

import java.util.Objects;

/**
 * Input: one way to recognise the guest. EMAIL values are lower-cased; PHONE and MOBILE values are as given
 * (compare them with {@code Candidate.hasPhone}).
 *
 * @param origin {@code interaction} (typed now) or {@code oncehub-contact} (already stored on the OnceHub contact)
 */
public record Identifier(Kind kind, String value, String origin) {
    public enum Kind { EMAIL, PHONE, MOBILE }

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** For an email: whether it is an address Salesforce would accept (phones always are). */
    public boolean wellFormed() {
        return kind != Kind.EMAIL || io.oncesync.engine.rulebook.ValueFormat.isEmailAddress(value);
    }
}
