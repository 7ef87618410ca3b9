package io.oncesync.server.salesforce;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.port.BookingLedger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BookingLedger} kept in memory, for tests and the API-call benchmark (the server uses the database). */
public final class InMemoryBookingLedger implements BookingLedger {
    private final Map<String, LedgerEntry> byBooking = new ConcurrentHashMap<>();

    @Override
    public Optional<LedgerEntry> find(String bookingId) {
        return Optional.ofNullable(byBooking.get(Objects.requireNonNull(bookingId, "bookingId")));
    }

    @Override
    public void record(LedgerEntry entry) {
        byBooking.put(entry.bookingId(), entry);
    }

    public int size() {
        return byBooking.size();
    }
}
