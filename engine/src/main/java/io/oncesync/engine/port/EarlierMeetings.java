package io.oncesync.engine.port;

import io.oncesync.engine.org.SObjectType;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the Event or Case an earlier, unrecorded attempt of a delivery may already have created (a crash after the
 * write, or an answer lost on the way back), by the {@link io.oncesync.engine.plan.BookingStamp} every new
 * meeting's Description carries. Implemented by the Salesforce gateway with one query per object for a batch.
 */
public interface EarlierMeetings {

    /**
     * What to look for: a meeting record of {@code object} created since {@code since} for {@code bookingId}.
     *
     * @param personId the existing person the meeting links to, or null (a new guest)
     * @param start    the planned Event's StartDateTime as written, or null
     */
    record Search(String bookingId, SObjectType object, String personId, String start, Instant since) {
        public Search {
            Objects.requireNonNull(bookingId, "bookingId");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(since, "since");
            if (object.isPerson()) {
                throw new IllegalArgumentException("a meeting is an Event or Case, not " + object);
            }
        }
    }

    /** Booking id → the id of the meeting record found for it; bookings with none are missing from the map. */
    Map<String, String> find(Collection<Search> searches) throws CallFailure;

    /** For callers that never retry a delivery (dry runs, scenarios): asking is a programming error. */
    EarlierMeetings NONE = searches -> {
        throw new UnsupportedOperationException("no earlier attempt to look for: " + searches.size() + " searches");
    };
}
