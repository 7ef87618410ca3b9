package io.oncesync.engine.org;

import java.time.Instant;
import java.util.Optional;

/**
 * What oncesync already wrote for a booking: the Event or Case, the person it was linked to, and the booking
 * snapshot last applied. One type for the durable booking ledger and for the rules' fact.
 *
 * @param meetingObject   Event or Case, or null while no meeting record is known (e.g. a booking canceled before
 *                        oncesync recorded it); comes with {@code meetingId}
 * @param personObject    Lead or Contact, or null when unknown; comes with {@code personId}
 * @param appliedUpdateAt the booking's {@code last_updated_time} last applied, so older snapshots can be skipped;
 *                        null when unknown
 */
public record LedgerEntry(String bookingId, SObjectType meetingObject, String meetingId, SObjectType personObject,
                          String personId, Instant appliedUpdateAt) {
    public LedgerEntry {
        if (bookingId == null || bookingId.isBlank()) {
            throw new IllegalArgumentException("bookingId must not be blank");
        }
        if ((meetingObject == null) != (meetingId == null)) {
            throw new IllegalArgumentException("meetingObject and meetingId come together");
        }
        if (meetingObject != null && meetingObject.isPerson()) {
            throw new IllegalArgumentException("the meeting is an Event or Case, not " + meetingObject);
        }
        if ((personObject == null) != (personId == null)) {
            throw new IllegalArgumentException("personObject and personId come together");
        }
        if (personObject != null && !personObject.isPerson()) {
            throw new IllegalArgumentException("the person is a Lead or Contact, not " + personObject);
        }
    }

    /** An entry with a meeting record and no applied snapshot time (what the rules read). */
    public LedgerEntry(String bookingId, SObjectType meetingObject, String meetingId, SObjectType personObject,
                       String personId) {
        this(bookingId, meetingObject, meetingId, personObject, personId, null);
    }

    /** True when the entry names the Event or Case made for the booking; only then do the rules see it. */
    public boolean knowsMeeting() {
        return meetingObject != null;
    }

    /** The entry as the rules see it: present only once a meeting record is known. */
    public static Optional<LedgerEntry> seenByRules(Optional<LedgerEntry> entry) {
        return entry.filter(LedgerEntry::knowsMeeting);
    }

    /**
     * The person object a Salesforce id's key prefix tells ({@code 00Q} Lead, {@code 003} Contact), or null: the
     * durable ledger stores the person's id alone.
     */
    public static SObjectType personObjectOf(String id) {
        if (id == null) {
            return null;
        }
        return id.startsWith("00Q") ? SObjectType.LEAD : id.startsWith("003") ? SObjectType.CONTACT : null;
    }

    /** An entry as the durable ledger stores it: a person id whose object its key prefix tells, or none. */
    public static LedgerEntry stored(String bookingId, SObjectType meetingObject, String meetingId, String personId,
                                     Instant appliedUpdateAt) {
        SObjectType person = personObjectOf(personId);
        return new LedgerEntry(bookingId, meetingObject, meetingId, person, person == null ? null : personId,
                appliedUpdateAt);
    }
}
