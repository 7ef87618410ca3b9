package io.oncesync.server.logging;

import org.slf4j.MDC;

/**
 * Puts the event and booking ids in the logging MDC for the lines logged inside it, then restores what was there:
 * {@code try (LogContext c = LogContext.event(id, booking)) { LOG.info(...); }}. Values are escaped when written.
 */
public final class LogContext implements AutoCloseable {
    public static final String EVENT = "event";
    public static final String BOOKING = "booking";

    private final String previousEvent;
    private final String previousBooking;

    private LogContext(String event, String booking) {
        previousEvent = MDC.get(EVENT);
        previousBooking = MDC.get(BOOKING);
        set(EVENT, event);
        set(BOOKING, booking);
    }

    public static LogContext event(String eventId, String bookingId) {
        return new LogContext(eventId, bookingId);
    }

    private static void set(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        set(EVENT, previousEvent);
        set(BOOKING, previousBooking);
    }
}
