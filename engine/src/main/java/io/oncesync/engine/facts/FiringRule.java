package io.oncesync.engine.facts;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * The rule whose consequence is running on this thread. A derived fact made in a consequence without a rule name
 * ({@code insert(new Target(Role.PERSON, $object, null))}) takes the firing rule's name from here, so a DRL rule never
 * repeats its own name; the constructors that take the name explicitly stay for DRL written that way.
 *
 * <p>Drools runs a consequence on the thread that fires the rules, between {@code beforeMatchFired} and
 * {@code afterMatchFired}; {@link #LISTENER} must be on every session whose rules make facts this way (the rule
 * book's sessions have it).
 */
public final class FiringRule {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** Tracks the rule whose consequence runs. Stateless: one instance serves every session. */
    public static final AgendaEventListener LISTENER = new DefaultAgendaEventListener() {
        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            CURRENT.set(event.getMatch().getRule().getName());
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            CURRENT.remove();
        }
    };

    private FiringRule() {
    }

    /**
     * The name of the rule whose consequence is running on this thread.
     *
     * @throws IllegalStateException outside a consequence (a fact made in Java must be given its rule's name)
     */
    public static String name() {
        String name = CURRENT.get();
        if (name == null) {
            throw new IllegalStateException("no rule is firing on this thread: a derived fact made outside a rule's"
                    + " consequence needs the rule name (the constructor with 'rule'), or the session lacks FiringRule.LISTENER");
        }
        return name;
    }

    /** Forgets the firing rule (after a consequence threw, its {@code afterMatchFired} never comes). */
    public static void clear() {
        CURRENT.remove();
    }
}
