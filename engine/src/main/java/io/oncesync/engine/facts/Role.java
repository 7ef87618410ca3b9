package io.oncesync.engine.facts;

/** What a {@link Target} record is for: the guest or the meeting. */
public enum Role { PERSON, MEETING }
