package io.oncesync.server.inbox;

import java.util.Optional;

/**
 * Which inbox entries the admin API lists: any combination of status, guest key (normalised email or phone
 * digits, as stored) and booking id; newest first, below {@code beforeId} when paging.
 */
public record DeliveryFilter(Optional<InboxStatus> status, Optional<String> guestKey, Optional<String> bookingId,
                             Optional<Long> beforeId, int limit) {
    public DeliveryFilter {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500, got " + limit);
        }
    }

    public static DeliveryFilter all(int limit) {
        return new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
