package io.oncesync.engine.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.PropertyValue;
import io.oncesync.engine.oncehub.Source;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.settings.Fallback;
import io.oncesync.engine.settings.FieldMapping;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Incident: FieldMapping had both a component {@code constant} and a helper {@code isConstant()}. Drools resolves
 * the DRL property {@code constant} to whichever method reflection lists first, which varies between JVM runs, so
 * "constant != null" was sometimes a boolean test and the constant rule fired for every row.
 */
class FactAccessorsTest {

    private static final List<Class<?>> FACTS = List.of(Identifier.class, Occurrence.class, IncomingValue.class,
            PersonPolicy.class, MeetingPolicy.class, CaseCalendar.class, FieldSpec.class, Match.class, Identified.class,
            Unidentified.class, NoPerson.class, Target.class, NoMeeting.class, Proposal.class, FieldDecision.class, Invalid.class,
            RejectedMapping.class, Candidate.class, LedgerEntry.class, FieldMapping.class, Fallback.class, Source.class, PropertyValue.class);

    @Test
    @DisplayName("no fact has a bean-style getter that shadows one of its record components")
    void noShadowingGetters() {
        List<String> clashes = new ArrayList<>();
        for (Class<?> fact : FACTS) {
            for (RecordComponent c : fact.getRecordComponents()) {
                String cap = Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
                for (Method m : fact.getMethods()) {
                    if (m.getParameterCount() == 0 && (m.getName().equals("is" + cap) || m.getName().equals("get" + cap))) {
                        clashes.add(fact.getSimpleName() + "." + m.getName() + " shadows " + c.getName());
                    }
                }
            }
        }
        assertThat(clashes).isEmpty();
    }
}
