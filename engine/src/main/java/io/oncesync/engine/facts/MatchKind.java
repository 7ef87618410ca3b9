package io.oncesync.engine.facts;

/** How a record was found to be the guest. */
public enum MatchKind { EMAIL, PHONE, CONVERTED_LEAD, LEDGER }
