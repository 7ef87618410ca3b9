package io.oncesync.engine.rulebook;

import io.oncesync.engine.facts.Identifier;
import io.oncesync.engine.facts.IncomingValue;
import io.oncesync.engine.facts.Occurrence;
import io.oncesync.engine.facts.Scope;
import io.oncesync.engine.oncehub.Booking;
import io.oncesync.engine.oncehub.Guest;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.kie.api.runtime.KieSession;

/** Inserts the input facts for one decision, in a deterministic order (so firing order is reproducible). */
final class FactAssembler {

    private FactAssembler() {
    }

    static void insert(KieSession s, OnceHubEvent event, OrgState org, Optional<LedgerEntry> ledger,
                       SettingsFacts settings, Set<String> literals) {
        Set<String> mappedProperties = settings.mappedProperties;
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
        LedgerEntry.seenByRules(ledger).ifPresent(s::insert);
        for (Object policy : settings.policies) {
            s.insert(policy);
        }
    }

    /** After object choice: the settings facts of the chosen objects only (see {@link SettingsFacts#forTargets}). */
    static void insertForTargets(KieSession s, Set<SObjectType> targets, SettingsFacts settings) {
        for (Object fact : settings.forTargets(targets)) {
            s.insert(fact);
        }
    }
}
