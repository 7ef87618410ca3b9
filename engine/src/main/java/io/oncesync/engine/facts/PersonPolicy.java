package io.oncesync.engine.facts;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.MatchPreference;

/** Input from settings: what a new guest becomes, and who wins when a Lead and a Contact both match. */
public record PersonPolicy(SObjectType newContactsAs, MatchPreference whenBothMatch) {
}
