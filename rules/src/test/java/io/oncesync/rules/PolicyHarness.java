package io.oncesync.rules;

import io.oncesync.engine.facts.FiringRule;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.SettingsLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Runs ONE bundled policy file on its own: compile it once, insert the facts its stage reads (inputs plus what
 * earlier stages would have derived), fire its ruleflow group, and report the rules fired and the facts derived.
 */
final class PolicyHarness {

    /** What one stage did. */
    record Outcome(List<String> fired, List<Object> derived) {
        <T> List<T> derived(Class<T> type) {
            return derived.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private final KieBase kieBase;
    private final String stage;

    private PolicyHarness(KieBase kieBase, String stage) {
        this.kieBase = kieBase;
        this.stage = stage;
    }

    /** Compiles {@code oncesync/rules/<stage>.drl} from the classpath. */
    static PolicyHarness of(String stage) {
        String file = stage + ".drl";
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        Resource r = ResourceFactory.newByteArrayResource(
                SettingsLoader.resource("oncesync/rules/" + file).getBytes(StandardCharsets.UTF_8));
        r.setSourcePath(file);
        builder.add(r, ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new IllegalStateException(file + ": " + builder.getErrors());
        }
        return new PolicyHarness(builder.newKieBase(), stage);
    }

    Outcome run(Object... facts) {
        return run(List.of(facts));
    }

    Outcome run(List<?> facts) {
        KieSession session = kieBase.newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            List<Object> derived = new ArrayList<>();
            facts.forEach(session::insert);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent e) {
                    fired.add(e.getMatch().getRule().getName());
                }
            });
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent e) {
                    derived.add(e.getObject());
                }
            });
            session.addEventListener(FiringRule.LISTENER);
            session.getAgenda().getAgendaGroup(stage).setFocus();
            session.fireAllRules();
            return new Outcome(fired, derived);
        } finally {
            FiringRule.clear();
            session.dispose();
        }
    }

    /** A Lead or Contact candidate with field values given as name, value pairs. */
    static Candidate candidate(SObjectType object, String id, String lastModified, String... fieldValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fieldValues.length; i += 2) {
            values.put(fieldValues[i], fieldValues[i + 1]);
        }
        return new Candidate(object, id, Instant.parse(lastModified), false, null, values);
    }

    static Candidate convertedLead(String id, String contactId, String lastModified, String... fieldValues) {
        Candidate c = candidate(SObjectType.LEAD, id, lastModified, fieldValues);
        return new Candidate(SObjectType.LEAD, id, c.lastModified(), true, contactId, c.values());
    }
}
