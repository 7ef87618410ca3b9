package io.oncesync.engine.facts;

/** Derived (object choice): this event writes no Event or Case, and why. */
public record NoMeeting(String reason, String rule) {
}
