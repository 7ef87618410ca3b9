package io.oncesync.engine.rulebook;

import io.oncesync.engine.facts.FiringRule;
import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.settings.Settings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The compiled policies. {@link #decide} runs one event through the six stages, in the fixed order of
 * {@link #STAGES} (each stage is the DRL {@code ruleflow-group} of one policy file, declared once after its
 * imports), and turns the derived facts, each carrying the name of the rule that made it (see {@link FiringRule}),
 * into a {@link Decision}. Immutable and thread-safe: every decision uses its own session.
 *
 * <p>To keep decisions fast, an {@code IncomingValue} fact is inserted only for a OnceHub property that a mapping
 * row names or that appears as a string literal somewhere in the DRL (e.g. {@code property == "guest_name"}), and
 * the settings facts of a tab ({@code FieldMapping}, {@code Fallback}, {@code FieldSpec}) are inserted after
 * object choice, for the objects chosen as targets only. Identification and object choice see the policies
 * ({@code PersonPolicy}, {@code MeetingPolicy}, {@code CaseCalendar}) but no tab.
 */
public final class RuleBook {

    /** The policy stages in firing order; every rule must belong to one of them. */
    public static final List<String> STAGES = List.of(
            "identification", "object-choice", "mapping", "overwrite", "repair", "fallback", "meetings");

    /** Settings facts of the chosen objects are inserted just before this stage (see the class comment). */
    private static final String FIRST_WRITING_STAGE = "mapping";

    private final KieBase kieBase;
    private final List<String> ruleNames;
    private final List<String> files;
    private final java.util.Set<String> literals;
    /**
     * Sessions are reset on dispose and reused: a fresh session pays again to build its node memories (measured:
     * about 110 us CPU per decision fresh, 90 us pooled). The pool is thread-safe and grows on demand.
     */
    private final org.kie.api.runtime.KieSessionsPool sessions;
    /**
     * A session is used by one thread at a time (taken from the pool, disposed in {@link #decide}), so it needs no
     * synchronized propagation list (measured together with {@link SettingsFacts}: 76 -> 63 us CPU per decision).
     */
    private final org.kie.api.runtime.KieSessionConfiguration sessionConf;
    /** The facts of the settings and metadata last decided with, reused while both stay the same objects. */
    private volatile SettingsFacts settingsFacts;

    RuleBook(KieBase kieBase, List<String> ruleNames, List<String> files, java.util.Set<String> literals) {
        this.kieBase = kieBase;
        this.ruleNames = List.copyOf(ruleNames);
        this.files = List.copyOf(files);
        this.literals = java.util.Set.copyOf(literals);
        this.sessions = kieBase.newKieSessionsPool(2);
        this.sessionConf = org.kie.api.KieServices.get().newKieSessionConfiguration();
        this.sessionConf.setOption(org.kie.api.runtime.conf.ThreadSafeOption.NO);
    }

    /** Compiles DRL sources; errors name the source's file and line. Never throws for bad DRL. */
    public static CompileResult compile(List<RuleSource> sources) {
        return RuleCompiler.compile(sources);
    }

    /** Compiles the policies bundled in the oncesync-rules jar (see {@link RuleSource#bundled()}). */
    public static CompileResult compileBundled() {
        try {
            return compile(RuleSource.bundled());
        } catch (IllegalStateException e) {
            return new CompileResult.Failed(List.of(new RuleProblem(RuleSource.BUNDLED_DIR, 0, e.getMessage())));
        }
    }

    /** Compiles every {@code *.drl} in a directory; an unreadable directory is a compile error, not an exception. */
    public static CompileResult compile(java.nio.file.Path dir) {
        try {
            return compile(RuleSource.fromDirectory(dir));
        } catch (java.io.IOException e) {
            return new CompileResult.Failed(List.of(new RuleProblem(dir.toString(), 0, "cannot read: " + e)));
        }
    }

    /**
     * Decides what to write for one event.
     *
     * @param event    an accepted event
     * @param org      what the gateway found for the event's {@code LookupRequest}, and the org's field metadata
     * @param ledger   what was already written for the event's booking, if anything
     * @param settings the admin's settings
     * @throws RuleFailure when a rule's consequence throws (a bug in the rules, not in the event)
     */
    public Decision decide(OnceHubEvent event, OrgState org, Optional<LedgerEntry> ledger, Settings settings) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(settings, "settings");
        KieSession session = sessions.newKieSession(sessionConf);
        Recorder recorder = new Recorder();
        SettingsFacts facts = SettingsFacts.of(settingsFacts, settings, org.metadata());
        settingsFacts = facts;
        try {
            FactAssembler.insert(session, event, org, ledger, facts, literals);
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            session.addEventListener(FiringRule.LISTENER);
            for (String stage : STAGES) {
                if (stage.equals(FIRST_WRITING_STAGE)) {
                    FactAssembler.insertForTargets(session, recorder.targets(), facts);
                }
                recorder.stage(stage);
                session.getAgenda().getAgendaGroup(stage).setFocus();
                try {
                    session.fireAllRules();
                } catch (org.kie.api.runtime.rule.ConsequenceException e) {
                    throw new RuleFailure(stage, e.getMatch().getRule().getName(), e.getCause());
                }
            }
            return PlanAssembler.assemble(event.id(), org, recorder.fired(), recorder.derived());
        } finally {
            session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            session.removeEventListener(FiringRule.LISTENER);
            FiringRule.clear();
            session.dispose();
        }
    }

    /** Names of all rules, by file order then declaration order. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    /** The source names the book was compiled from. */
    public List<String> files() {
        return files;
    }
}
