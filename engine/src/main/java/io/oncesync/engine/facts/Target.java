package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/**
 * Derived (object choice): the record the plan writes for the guest or the meeting.
 *
 * @param recordId the existing record to update, or null to create one
 */
public record Target(Role role, SObjectType object, String recordId, String rule) {
    /** In a rule's consequence: made by the firing rule (see {@link FiringRule}). */
    public Target(Role role, SObjectType object, String recordId) {
        this(role, object, recordId, FiringRule.name());
    }

    public boolean isNew() {
        return recordId == null;
    }
}
