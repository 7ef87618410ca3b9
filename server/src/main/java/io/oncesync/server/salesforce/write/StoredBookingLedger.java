package io.oncesync.server.salesforce.write;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.server.inbox.BookingLedgerEntry;
import io.oncesync.server.inbox.LedgerStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's {@link BookingLedger} over the durable {@link LedgerStore} of the inbox database. The store keeps an
 * Event id and a Case id side by side and the person's id without its object, which the key prefix tells
 * ({@code 00Q} Lead, {@code 003} Contact). Recording keeps what the store knew and the engine's entry does not
 * carry (the other meeting id, the last applied update time).
 */
public final class StoredBookingLedger implements BookingLedger {
    private final LedgerStore store;

    public StoredBookingLedger(LedgerStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<LedgerEntry> find(String bookingId) {
        return store.find(bookingId).flatMap(StoredBookingLedger::toEngine);
    }

    @Override
    public void record(LedgerEntry entry) {
        Optional<BookingLedgerEntry> old = store.find(entry.bookingId());
        String eventId = entry.meetingObject() == SObjectType.EVENT ? entry.meetingId()
                : old.map(BookingLedgerEntry::eventRecordId).orElse(null);
        String caseId = entry.meetingObject() == SObjectType.CASE ? entry.meetingId()
                : old.map(BookingLedgerEntry::caseRecordId).orElse(null);
        String personId = entry.personId() != null ? entry.personId() : old.map(BookingLedgerEntry::personId).orElse(null);
        store.put(new BookingLedgerEntry(entry.bookingId(), personId, eventId, caseId,
                old.map(BookingLedgerEntry::appliedUpdateAt).orElse(null)));
    }

    static Optional<LedgerEntry> toEngine(BookingLedgerEntry e) {
        SObjectType meeting = e.eventRecordId() != null ? SObjectType.EVENT : e.caseRecordId() != null ? SObjectType.CASE : null;
        if (meeting == null) {
            return Optional.empty();
        }
        String meetingId = meeting == SObjectType.EVENT ? e.eventRecordId() : e.caseRecordId();
        SObjectType person = e.personId() == null ? null
                : e.personId().startsWith("00Q") ? SObjectType.LEAD : e.personId().startsWith("003") ? SObjectType.CONTACT : null;
        return Optional.of(new LedgerEntry(e.bookingId(), meeting, meetingId, person, person == null ? null : e.personId()));
    }
}
