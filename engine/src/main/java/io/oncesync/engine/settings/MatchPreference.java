package io.oncesync.engine.settings;

/**
 * Which record wins when the guest matches both a Lead and a Contact. The default, CONTACT, prefers the
 * record further down the funnel; MOST_RECENT takes the most recently modified of either.
 */
public enum MatchPreference { CONTACT, LEAD, MOST_RECENT }
