package io.oncesync.engine.oncehub;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The booked meeting. {@code end} is always {@code start + durationMinutes} (OnceHub sends no end time).
 *
 * @param location     the physical location, else the join URL, else null
 * @param status       OnceHub's booking status ({@code scheduled}, {@code canceled}, {@code no_show}, ...)
 * @param properties   every non-blank meeting property by its settings name ({@code subject}, {@code start_time},
 *                     {@code custom:<name>}; see {@code PropertyCatalog})
 */
public record Meeting(String subject, Instant start, Instant end, int durationMinutes, String timeZone,
                      String location, String joinUrl, String ownerId, String calendarId, String status,
                      String cancelReason, Map<String, PropertyValue> properties) {

    public Meeting {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (durationMinutes < 0) {
            throw new IllegalArgumentException("durationMinutes < 0");
        }
        properties = Map.copyOf(properties);
    }

    public Optional<PropertyValue> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}
