package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/** Derived (identification): the guest is this existing record. */
public record Identified(SObjectType object, String recordId, MatchKind by, String rule) {
}
