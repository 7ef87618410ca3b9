package io.oncesync.engine.settings;

import io.oncesync.engine.org.SObjectType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's settings page as one immutable value: what a new guest becomes, how meetings are recorded, the
 * four mapping tabs and the fallback values. Loaded and validated by {@link SettingsLoader}.
 *
 * @param newContactsAs   LEAD or CONTACT: what a guest no record matches becomes
 * @param whenBothMatch   which record wins when a Lead and a Contact both match
 * @param meetings        Events for all, or Cases for the calendars in {@code caseCalendars}
 * @param caseCalendars   booking calendar ids (BKC-...) or names; meaningful with CASES_FOR_SELECTED_CALENDARS
 * @param mappings        every tab's rows; at most one row per object and field
 */
public record Settings(SObjectType newContactsAs, MatchPreference whenBothMatch, MeetingMode meetings,
                       List<String> caseCalendars, List<FieldMapping> mappings, List<Fallback> fallbacks) {
    public Settings {
        Objects.requireNonNull(newContactsAs, "newContactsAs");
        Objects.requireNonNull(whenBothMatch, "whenBothMatch");
        Objects.requireNonNull(meetings, "meetings");
        if (!newContactsAs.isPerson()) {
            throw new IllegalArgumentException("new contacts become a Lead or Contact, not " + newContactsAs);
        }
        caseCalendars = List.copyOf(caseCalendars);
        mappings = List.copyOf(mappings);
        fallbacks = List.copyOf(fallbacks);
    }

    /** The rows of one tab (Leads, Contacts, Events or Cases), in file order. */
    public List<FieldMapping> tab(SObjectType object) {
        return mappings.stream().filter(m -> m.object() == object).toList();
    }

    public Optional<Fallback> fallback(SObjectType object, String field) {
        return fallbacks.stream().filter(f -> f.object() == object && f.field().equalsIgnoreCase(field)).findFirst();
    }
}
