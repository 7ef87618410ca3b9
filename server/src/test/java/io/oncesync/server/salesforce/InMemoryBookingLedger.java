package io.oncesync.server.salesforce;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.port.BookingLedger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BookingLedger} kept in memory, for tests and the API-call benchmark (the server uses the database). */
public final class InMemoryBookingLedger implements BookingLedger {
    private final Map<String, LedgerEntry> byBooking = new ConcurrentHashMap<>();

    @Override
    public Map<String, LedgerEntry> findAll(Collection<String> bookingIds) {
        Map<String, LedgerEntry> found = new HashMap<>();
        bookingIds.forEach(id -> {
            LedgerEntry e = byBooking.get(id);
            if (e != null) {
                found.put(id, e);
            }
        });
        return found;
    }

    @Override
    public void recordAll(Collection<LedgerEntry> entries) {
        entries.forEach(e -> byBooking.put(e.bookingId(), e));
    }

    public int size() {
        return byBooking.size();
    }
}
