package io.oncesync.engine.port;

import io.oncesync.engine.org.LedgerEntry;
import java.util.Optional;

/** Remembers, per OnceHub booking, the Event or Case oncesync made and the person it linked. */
public interface BookingLedger {

    Optional<LedgerEntry> find(String bookingId);

    /** Records (or replaces) the entry for {@code entry.bookingId()}. */
    void record(LedgerEntry entry);
}
