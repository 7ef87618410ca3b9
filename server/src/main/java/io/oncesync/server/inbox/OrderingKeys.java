package io.oncesync.server.inbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ordering keys: events sharing one are applied one at a time, oldest first. */
final class OrderingKeys {
    private OrderingKeys() {
    }

    static List<String> of(String bookingId, String guestKey) {
        List<String> keys = new ArrayList<>(2);
        if (bookingId != null && !bookingId.isBlank()) {
            keys.add("booking:" + bookingId);
        }
        if (guestKey != null && !guestKey.isBlank()) {
            keys.add("guest:" + guestKey);
        }
        return List.copyOf(keys);
    }

    /** Keys are stored joined by newlines; neither ids nor normalised guest keys contain one. */
    static String join(List<String> keys) {
        return String.join("\n", keys);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
