package io.oncesync.engine.rulebook;

import io.oncesync.engine.facts.CaseCalendar;
import io.oncesync.engine.facts.FieldSpec;
import io.oncesync.engine.facts.MeetingPolicy;
import io.oncesync.engine.facts.PersonPolicy;
import io.oncesync.engine.facts.RejectedMapping;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.ObjectMeta;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.BookingStamp;
import io.oncesync.engine.settings.Compatibility;
import io.oncesync.engine.settings.Fallback;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The input facts that depend only on the settings and the org's metadata, built once per (settings, metadata)
 * pair instead of once per decision. Every fact is an immutable record, so one instance can be inserted into many
 * sessions. Thread-safe: the per-target lists are filled lazily in a concurrent map.
 */
final class SettingsFacts {

    private final Settings settings;
    private final OrgMetadata metadata;
    /** Properties some mapping row names: their IncomingValue facts are inserted. */
    final Set<String> mappedProperties;
    /** PersonPolicy, MeetingPolicy, then the CaseCalendars, in insertion order. */
    final List<Object> policies;
    private final Map<Set<SObjectType>, List<Object>> forTargets = new ConcurrentHashMap<>();

    private SettingsFacts(Settings settings, OrgMetadata metadata) {
        this.settings = settings;
        this.metadata = metadata;
        Set<String> mapped = new HashSet<>();
        for (FieldMapping m : settings.mappings()) {
            if (m.property() != null) {
                mapped.add(m.property());
            }
        }
        this.mappedProperties = Set.copyOf(mapped);
        List<Object> p = new ArrayList<>();
        p.add(new PersonPolicy(settings.newContactsAs(), settings.whenBothMatch()));
        p.add(new MeetingPolicy(settings.meetings()));
        settings.caseCalendars().forEach(c -> p.add(new CaseCalendar(c)));
        this.policies = List.copyOf(p);
    }

    /** The cached facts when {@code last} was built for these very objects (identity), else freshly built ones. */
    static SettingsFacts of(SettingsFacts last, Settings settings, OrgMetadata metadata) {
        if (last != null && last.settings == settings && last.metadata == metadata) {
            return last;
        }
        return new SettingsFacts(settings, metadata);
    }

    /**
     * After object choice: the mapping rows, fallbacks and field specs of the chosen objects only (a decision
     * writes at most two of the four objects, so the other tabs would be facts no rule can use).
     */
    List<Object> forTargets(Set<SObjectType> targets) {
        List<Object> cached = forTargets.get(targets);
        if (cached == null) {
            cached = build(Set.copyOf(targets));
            forTargets.put(Set.copyOf(targets), cached);
        }
        return cached;
    }

    private List<Object> build(Set<SObjectType> targets) {
        List<Object> out = new ArrayList<>();
        // spelled as the settings spell it, so rules can join mappings and specs with ==
        Map<String, String> mapped = new HashMap<>();
        for (FieldMapping m : settings.mappings()) {
            if (targets.contains(m.object())) {
                out.add(m);
                rejection(m).ifPresent(out::add);
                mapped.putIfAbsent(m.object() + "." + m.field().toLowerCase(Locale.ROOT), m.field());
            }
        }
        for (Fallback f : settings.fallbacks()) {
            if (targets.contains(f.object())) {
                out.add(f);
            }
        }
        for (SObjectType target : targets.stream().sorted().toList()) {
            for (FieldMeta f : metadata.object(target).map(ObjectMeta::fields).orElse(List.of())) {
                String spelled = mapped.get(target + "." + f.name().toLowerCase(Locale.ROOT));
                // the meetings policy stamps the booking on an Event's or Case's Description, mapped or not
                boolean stamp = !target.isPerson() && BookingStamp.isField(f.name());
                if (f.requiredOnCreate() || spelled != null || stamp) {
                    out.add(new FieldSpec(target, spelled != null ? spelled : f.name(), f.requiredOnCreate()));
                }
            }
        }
        return List.copyOf(out);
    }

    private Optional<RejectedMapping> rejection(FieldMapping m) {
        if (m.property() == null) {
            return Optional.empty();
        }
        return metadata.field(m.object(), m.field())
                .filter(f -> Compatibility.of(m.propertyType(), f.type()) == Compatibility.Verdict.REJECTED)
                .map(f -> new RejectedMapping(m.object(), m.field(), "is " + Compatibility.article(f.type())
                        + " field and cannot take " + m.property() + " (" + m.propertyType().name().toLowerCase(Locale.ROOT)
                        + "); fix the mapping at " + m.at()));
    }
}
