package io.oncesync.engine.org;

import java.util.Objects;

/**
 * What oncesync already wrote for a booking: the Event or Case, and the person it was linked to.
 *
 * @param personObject Lead or Contact, or null when unknown
 * @param personId     the person's id, or null when unknown
 */
public record LedgerEntry(String bookingId, SObjectType meetingObject, String meetingId, SObjectType personObject,
                          String personId) {
    public LedgerEntry {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(meetingObject, "meetingObject");
        Objects.requireNonNull(meetingId, "meetingId");
        if (meetingObject.isPerson()) {
            throw new IllegalArgumentException("the meeting is an Event or Case, not " + meetingObject);
        }
        if ((personObject == null) != (personId == null)) {
            throw new IllegalArgumentException("personObject and personId come together");
        }
        if (personObject != null && !personObject.isPerson()) {
            throw new IllegalArgumentException("the person is a Lead or Contact, not " + personObject);
        }
    }
}
