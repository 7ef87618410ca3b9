package io.oncesync.engine.rulebook;

import io.oncesync.engine.facts.CaseCalendar;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.Identifier;
import io.oncesync.engine.facts.IncomingValue;
import io.oncesync.engine.facts.MeetingPolicy;
import io.oncesync.engine.facts.Occurrence;
import io.oncesync.engine.facts.PersonPolicy;
import io.oncesync.engine.facts.RejectedMapping;
import io.oncesync.engine.facts.Scope;
import io.oncesync.engine.oncehub.Booking;
import io.oncesync.engine.oncehub.Guest;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.Compatibility;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.Settings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.kie.api.runtime.KieSession;

/** Inserts the input facts for one decision, in a deterministic order (so firing order is reproducible). */
final class FactAssembler {

    private FactAssembler() {
    }

    static void insert(KieSession s, OnceHubEvent event, OrgState org, Optional<LedgerEntry> ledger, Settings settings,
                       Set<String> literals) {
        Set<String> mappedProperties = new HashSet<>();
        for (FieldMapping m : settings.mappings()) {
            if (m.property() != null) {
                mappedProperties.add(m.property());
            }
        }
        java.util.function.Predicate<String> wanted = p -> mappedProperties.contains(p) || literals.contains(p);
        Guest guest = event.data().guest();
        s.insert(new Occurrence(event.type(), event.bookingId().orElse(null), event.data().source()));
        if (guest.email() != null) {
            s.insert(new Identifier(Identifier.Kind.EMAIL, guest.email(), "interaction"));
        }
        if (guest.knownEmail() != null && !guest.knownEmail().equals(guest.email())) {
            s.insert(new Identifier(Identifier.Kind.EMAIL, guest.knownEmail(), "oncehub-contact"));
        }
        if (guest.phone() != null) {
            s.insert(new Identifier(Identifier.Kind.PHONE, guest.phone(), "interaction"));
        }
        if (guest.mobilePhone() != null) {
            s.insert(new Identifier(Identifier.Kind.MOBILE, guest.mobilePhone(), "interaction"));
        }
        guest.properties().forEach((name, value) -> {
            if (wanted.test(name)) {
                s.insert(new IncomingValue(Scope.CONTACT, name, value));
            }
        });
        if (event.data() instanceof Booking b) {
            b.meeting().properties().forEach((name, value) -> {
                if (wanted.test(name)) {
                    s.insert(new IncomingValue(Scope.MEETING, name, value));
                }
            });
        }
        Set<String> seen = new HashSet<>();
        for (Candidate c : org.candidates()) {
            if (seen.add(c.id())) {
                s.insert(c);
            }
        }
        ledger.ifPresent(s::insert);
        insertSettings(s, org, settings);
    }

    private static void insertSettings(KieSession s, OrgState org, Settings settings) {
        s.insert(new PersonPolicy(settings.newContactsAs(), settings.whenBothMatch()));
        s.insert(new MeetingPolicy(settings.meetings()));
        settings.caseCalendars().forEach(c -> s.insert(new CaseCalendar(c)));
    }

    private static Optional<RejectedMapping> rejection(FieldMapping m, OrgState org) {
        if (m.property() == null) {
            return Optional.empty();
        }
        return org.metadata().field(m.object(), m.field())
                .filter(f -> Compatibility.of(m.propertyType(), f.type()) == Compatibility.Verdict.REJECTED)
                .map(f -> new RejectedMapping(m.object(), m.field(), "is " + Compatibility.article(f.type())
                        + " field and cannot take " + m.property() + " (" + m.propertyType().name().toLowerCase(Locale.ROOT)
                        + "); fix the mapping at " + m.at()));
    }

    /**
     * After object choice: the mapping rows, fallbacks and field specs of the chosen objects only (a decision
     * writes at most two of the four objects, so the other tabs would be facts no rule can use).
     */
    static void insertForTargets(KieSession s, Set<SObjectType> targets, OrgState org, Settings settings) {
        // spelled as the settings spell it, so rules can join mappings and specs with ==
        Map<String, String> mapped = new HashMap<>();
        for (FieldMapping m : settings.mappings()) {
            if (targets.contains(m.object())) {
                s.insert(m);
                rejection(m, org).ifPresent(s::insert);
                mapped.putIfAbsent(m.object() + "." + m.field().toLowerCase(Locale.ROOT), m.field());
            }
        }
        settings.fallbacks().stream().filter(f -> targets.contains(f.object())).forEach(s::insert);
        for (SObjectType target : targets) {
            for (FieldMeta f : org.metadata().object(target).map(ObjectMeta::fields).orElse(List.of())) {
                String spelled = mapped.get(target + "." + f.name().toLowerCase(Locale.ROOT));
                if (f.requiredOnCreate() || spelled != null) {
                    s.insert(new FieldSpec(target, spelled != null ? spelled : f.name(), f.requiredOnCreate()));
                }
            }
        }
    }
}
