package io.oncesync.server.oncehub;

import java.util.List;

/** The account's booking calendars, for choosing which become Cases (the console uses it). Blocking. */
@FunctionalInterface
public interface BookingCalendars {
    List<BookingCalendar> list() throws OnceHubException;
}
