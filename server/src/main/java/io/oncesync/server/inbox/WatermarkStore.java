package io.oncesync.server.inbox;

import java.time.Instant;
import java.util.Optional;

/** Durable named watermarks (the OnceHub reconciliation's "bookings updated up to"). Blocking. */
public interface WatermarkStore {
    Optional<Instant> get(String name);

    /** Moves the watermark forward to {@code at}; an earlier value than the stored one changes nothing. */
    void advance(String name, Instant at);
}
