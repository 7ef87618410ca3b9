package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/**
 * Input from the org's metadata: a field that is mapped or required on create. Fields the settings never touch
 * and Salesforce does not require are not inserted.
 */
public record FieldSpec(SObjectType object, String name, boolean requiredOnCreate) {
}
