package io.oncesync.engine.facts;

/** Input from settings: a booking calendar (id or name) whose meetings become Cases. */
public record CaseCalendar(String idOrName) {
}
