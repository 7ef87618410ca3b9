package io.oncesync.engine.plan;

import io.oncesync.engine.org.SObjectType;
import java.util.Objects;

/**
 * The record a decision chose for the guest or the meeting, whether or not the plan writes to it.
 *
 * @param recordId  the existing record's id, or null when the plan creates it
 * @param actionKey the key of the action that creates or updates it ({@code person}, {@code meeting})
 */
public record RecordChoice(SObjectType object, String recordId, String actionKey) {
    public RecordChoice {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(actionKey, "actionKey");
    }

    public boolean isNew() {
        return recordId == null;
    }

    @Override
    public String toString() {
        return isNew() ? "a new " + object.apiName() : object.apiName() + " " + recordId;
    }
}
