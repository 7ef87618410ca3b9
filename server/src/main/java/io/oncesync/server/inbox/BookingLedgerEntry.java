package io.oncesync.server.inbox;

import java.time.Instant;

/**
 * What oncesync wrote to Salesforce for one OnceHub booking.
 *
 * @param bookingId       the OnceHub booking id ({@code BKNG-…})
 * @param personId        the Lead or Contact id the booking was attached to, or null
 * @param eventRecordId   the Salesforce Event id, or null
 * @param caseRecordId    the Salesforce Case id, or null
 * @param appliedUpdateAt the booking's {@code last_updated_time} last applied, so older snapshots can be skipped;
 *                        null when unknown
 */
public record BookingLedgerEntry(String bookingId, String personId, String eventRecordId, String caseRecordId,
                                 Instant appliedUpdateAt) {
    public BookingLedgerEntry {
        if (bookingId == null || bookingId.isBlank()) {
            throw new IllegalArgumentException("bookingId must not be blank");
        }
    }
}
