package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;
import java.time.Instant;

/** Derived (identification): this record may be the guest. Several matches are narrowed to one {@link Identified}. */
public record Match(SObjectType object, String recordId, Instant lastModified, MatchKind by, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Match(SObjectType object, String recordId, Instant lastModified, MatchKind by) {
        this(object, recordId, lastModified, by, FiringRule.name());
    }


    /** True when this match beats {@code other} on recency (later LastModifiedDate; equal times: larger id). */
    public boolean newerThan(Match other) {
        int c = lastModified.compareTo(other.lastModified);
        return c > 0 || (c == 0 && recordId.compareTo(other.recordId) > 0);
    }
}
