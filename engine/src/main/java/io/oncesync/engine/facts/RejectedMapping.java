package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;

/**
 * Input: a mapping row whose OnceHub property type the org's field type rejects (the compatibility matrix). The
 * settings validator reports it on load; this fact makes the plan fail too, should a server skip that check.
 */
public record RejectedMapping(SObjectType object, String field, String reason) {
}
