package io.oncesync.engine.oncehub;

import java.util.Objects;

/**
 * Where the interaction came from. {@code id} is OnceHub's id (BKC-, BP-, BOT-); {@code name} is known only
 * when OnceHub expanded the object, so settings may name a calendar by either.
 */
public record Source(Kind kind, String id, String name) {

    public enum Kind { BOOKING_CALENDAR, BOOKING_PAGE, ROUTING_FORM, CHATBOT, UNKNOWN }

    public Source {
        Objects.requireNonNull(kind, "kind");
    }

    /** True when {@code idOrName} equals this source's id or (case-insensitively) its name. */
    public boolean isNamed(String idOrName) {
        return idOrName != null && (idOrName.equals(id) || idOrName.equalsIgnoreCase(name));
    }
}
