package io.oncesync.server.inbox;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The booking ledger: OnceHub booking id → Salesforce ids, in the inbox's database so a restart or a second
 * instance sees it. Blocking; call from worker threads.
 */
public interface LedgerStore {

    Optional<BookingLedgerEntry> find(String bookingId);

    /** The entries known for the given booking ids (absent ids are simply missing from the map). */
    Map<String, BookingLedgerEntry> findAll(Collection<String> bookingIds);

    /** Inserts or replaces the entry for its booking id. */
    void put(BookingLedgerEntry entry);

    /** Inserts or replaces several entries in one transaction. */
    void putAll(Collection<BookingLedgerEntry> entries);
}
