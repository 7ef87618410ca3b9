package io.oncesync.engine.facts;

import io.oncesync.engine.settings.MeetingMode;

/** Input from settings: Events for all meetings, or Cases for the {@link CaseCalendar}s. */
public record MeetingPolicy(MeetingMode mode) {
}
