package io.oncesync.engine.rulebook;

import io.oncesync.engine.plan.FiredRule;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/** Records, for one session, the rules fired (in order, with their stage) and the facts rules inserted. */
final class Recorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final List<FiredRule> fired = new ArrayList<>();
    private final List<Object> derived = new ArrayList<>();
    private String stage = "";

    void stage(String stage) {
        this.stage = stage;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(new FiredRule(stage, event.getMatch().getRule().getName()));
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            derived.add(event.getObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // rules insert derived facts; they never update
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getRule() != null) {
            derived.remove(event.getOldObject());
        }
    }

    List<FiredRule> fired() {
        return fired;
    }

    /** The objects that rules chose as a Target so far. */
    java.util.Set<io.oncesync.engine.org.SObjectType> targets() {
        java.util.Set<io.oncesync.engine.org.SObjectType> out = java.util.EnumSet.noneOf(io.oncesync.engine.org.SObjectType.class);
        for (Object o : derived) {
            if (o instanceof io.oncesync.engine.facts.Target t) {
                out.add(t.object());
            }
        }
        return out;
    }

    List<Object> derived() {
        return derived;
    }
}
