package io.oncesync.engine.settings;

/**
 * How new meetings are recorded: an Event for every meeting, or a Case for meetings from the selected booking
 * calendars (and an Event for meetings from any other calendar).
 */
public enum MeetingMode { EVENTS, CASES_FOR_SELECTED_CALENDARS }
