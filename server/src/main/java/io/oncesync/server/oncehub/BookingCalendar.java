package io.oncesync.server.oncehub;

/** One OnceHub booking calendar ({@code BKC-…}) and its name. */
public record BookingCalendar(String id, String name) {
}
