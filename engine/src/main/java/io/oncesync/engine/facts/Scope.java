package io.oncesync.engine.facts;

/** Whose property an {@link IncomingValue} is: the guest's (Leads/Contacts tabs) or the meeting's (Events/Cases). */
public enum Scope { CONTACT, MEETING }
