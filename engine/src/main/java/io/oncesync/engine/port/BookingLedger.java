package io.oncesync.engine.port;

import io.oncesync.engine.org.LedgerEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per OnceHub booking, the Event or Case oncesync made, the person it linked and the snapshot last
 * applied. Durable in production (the inbox's database, so a restart or a second instance sees it). Blocking.
 */
public interface BookingLedger {

    /** The entries known for the given booking ids (absent ids are simply missing from the map). */
    Map<String, LedgerEntry> findAll(Collection<String> bookingIds);

    /** Records (or replaces) each entry under its booking id, all together or none. */
    void recordAll(Collection<LedgerEntry> entries);

    default Optional<LedgerEntry> find(String bookingId) {
        return Optional.ofNullable(findAll(List.of(bookingId)).get(bookingId));
    }

    /** Records (or replaces) the entry for {@code entry.bookingId()}. */
    default void record(LedgerEntry entry) {
        recordAll(List.of(entry));
    }

    /** A ledger that knows no booking and refuses to record (a dry run, a local org, no database at hand). */
    BookingLedger NONE = new BookingLedger() {
        @Override
        public Map<String, LedgerEntry> findAll(Collection<String> bookingIds) {
            return Map.of();
        }

        @Override
        public void recordAll(Collection<LedgerEntry> entries) {
            throw new UnsupportedOperationException("this ledger records nothing (a dry run writes nothing)");
        }
    };
}
