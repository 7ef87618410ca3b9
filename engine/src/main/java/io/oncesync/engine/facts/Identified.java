package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/** Derived (identification): the guest is this existing record. */
public record Identified(SObjectType object, String recordId, MatchKind by, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Identified(SObjectType object, String recordId, MatchKind by) {
        this(object, recordId, by, FiringRule.name());
    }
}
