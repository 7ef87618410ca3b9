package io.oncesync.engine.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Contradiction;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.FiredRule;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decides with small inline policies, to pin down what the rule book does with the facts rules derive. */
class RuleBookDecideTest {

    private static final String HEADER = """
            package t;
            import io.oncesync.engine.facts.*;
            import io.oncesync.engine.org.SObjectType;
            import io.oncesync.engine.plan.Provenance;
            """;

    private static OnceHubEvent event;
    private static final Settings SETTINGS = SettingsLoader.parse("settings.yaml", "").orThrow();
    private static final OrgState EMPTY_ORG = new OrgState(List.of(), OrgMetadata.of());

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = RuleBookDecideTest.class.getResourceAsStream("/payloads/booking-scheduled.json")) {
            event = ((ParseResult.Accepted) new WebhookParser().parse(in.readAllBytes())).event();
        }
    }

    private static Decision decide(String... rules) {
        String drl = HEADER + String.join("\n", rules);
        return RuleBook.compile(List.of(new RuleSource("t.drl", drl))).orThrow()
                .decide(event, EMPTY_ORG, Optional.empty(), SETTINGS);
    }

    private static String rule(String name, String stage, String when, String then) {
        return "rule \"" + name + "\"\n ruleflow-group \"" + stage + "\"\nwhen\n" + when + "\nthen\n" + then + "\nend\n";
    }

    private static final String NEW_LEAD = rule("Choose a new Lead", "object-choice", "",
            "insert(new Target(Role.PERSON, SObjectType.LEAD, null, drools.getRule().getName()));");
    private static final String NEW_EVENT = rule("Choose a new Event", "object-choice", "",
            "insert(new Target(Role.MEETING, SObjectType.EVENT, null, drools.getRule().getName()));");

    @Test
    @DisplayName("one rule book decides with the settings it is given, also after deciding with other settings")
    void settingsChangeBetweenDecisions() {
        RuleBook book = RuleBook.compile(List.of(new RuleSource("t.drl", HEADER + rule("Choose what new contacts become",
                "object-choice", "PersonPolicy( $as : newContactsAs )",
                "insert(new Target(Role.PERSON, $as, null, drools.getRule().getName()));")))).orThrow();
        Settings contacts = SettingsLoader.parse("settings.yaml", "new-contacts: contact\n").orThrow();
        assertThat(book.decide(event, EMPTY_ORG, Optional.empty(), SETTINGS).person().object()).isEqualTo(SObjectType.LEAD);
        assertThat(book.decide(event, EMPTY_ORG, Optional.empty(), contacts).person().object()).isEqualTo(SObjectType.CONTACT);
        assertThat(book.decide(event, EMPTY_ORG, Optional.empty(), SETTINGS).person().object()).isEqualTo(SObjectType.LEAD);
    }

    @Test
    @DisplayName("stages fire in the fixed order, whatever the order of the rules in the file")
    void order() {
        Decision d = decide(
                rule("Link late", "meetings", "Target()", "insert(FieldDecision.linkToPerson(SObjectType.EVENT, \"WhoId\", drools.getRule().getName()));"),
                NEW_EVENT, NEW_LEAD);
        assertThat(d.trace().rulesFired()).extracting(FiredRule::stage)
                .containsExactly("object-choice", "object-choice", "meetings", "meetings");
        assertThat(d.actions()).extracting(a -> a.key() + " " + a.operation())
                .containsExactly("person CREATE", "meeting CREATE");
        assertThat(d.action("meeting").orElseThrow().fields()).containsEntry("WhoId", new FieldValue.ResultOf("person"));
        assertThat(d.person()).isEqualTo(new RecordChoice(SObjectType.LEAD, null, "person"));
    }

    @Test
    @DisplayName("two rules writing different values to one field are reported with both names, and block the plan")
    void contradictoryValues() {
        Decision d = decide(NEW_LEAD,
                rule("Set Title to CTO", "overwrite", "Target()",
                        "insert(FieldDecision.of(SObjectType.LEAD, \"Title\", \"CTO\", Provenance.MAPPING, \"x\", drools.getRule().getName()));"),
                rule("Set Title to CEO", "overwrite", "Target()",
                        "insert(FieldDecision.of(SObjectType.LEAD, \"Title\", \"CEO\", Provenance.MAPPING, \"y\", drools.getRule().getName()));"));
        assertThat(d.executable()).isFalse();
        assertThat(d.contradictions()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("Lead.Title");
            assertThat(List.of(c.firstRule(), c.secondRule())).containsExactlyInAnyOrder("Set Title to CTO", "Set Title to CEO");
        });
        assertThat(d.action("person").orElseThrow().fields()).doesNotContainKey("Title");
    }

    @Test
    @DisplayName("two rules choosing different records for the guest are a contradiction naming both")
    void contradictoryTargets() {
        Decision d = decide(NEW_LEAD, rule("Choose a new Contact", "object-choice", "",
                "insert(new Target(Role.PERSON, SObjectType.CONTACT, null, drools.getRule().getName()));"));
        assertThat(d.contradictions()).extracting(Contradiction::subject).containsExactly("the guest's record");
        assertThat(d.contradictions().get(0).toString()).contains("a new Lead").contains("a new Contact");
    }

    @Test
    @DisplayName("a lifecycle value overrides a mapped one without a contradiction; agreeing rules are no contradiction")
    void lifecycleWins() {
        Decision d = decide(NEW_LEAD, NEW_EVENT,
                rule("Map the subject", "overwrite", "Target(role == Role.MEETING)",
                        "insert(FieldDecision.of(SObjectType.EVENT, \"Subject\", \"Demo\", Provenance.MAPPING, \"subject\", drools.getRule().getName()));"),
                rule("Map the subject again", "overwrite", "Target(role == Role.MEETING)",
                        "insert(FieldDecision.of(SObjectType.EVENT, \"Subject\", \"Demo\", Provenance.MAPPING, \"subject\", drools.getRule().getName()));"),
                rule("Cancel", "meetings", "Target(role == Role.MEETING)",
                        "insert(FieldDecision.of(SObjectType.EVENT, \"Subject\", \"Canceled: Demo\", Provenance.LIFECYCLE, \"status\", drools.getRule().getName()));"));
        assertThat(d.contradictions()).isEmpty();
        assertThat(d.action("meeting").orElseThrow().fields()).containsEntry("Subject", new FieldValue.Literal("Canceled: Demo"));
    }

    @Test
    @DisplayName("an Invalid fact becomes a validation failure naming the field and the rule")
    void invalid() {
        Decision d = decide(NEW_LEAD, rule("Require a company", "fallback", "Target()",
                "insert(new Invalid(SObjectType.LEAD, \"Company\", \"is required\", drools.getRule().getName()));"));
        assertThat(d.executable()).isFalse();
        assertThat(d.failures()).singleElement().hasToString("Lead.Company: is required");
        assertThat(d.failures().get(0).rule()).isEqualTo("Require a company");
    }

    @Test
    @DisplayName("an existing record with nothing to write gets no action; a link without a guest is a failure")
    void noOpAndDanglingLink() {
        Decision d = decide(rule("Update the known Event", "object-choice", "",
                        "insert(new Target(Role.MEETING, SObjectType.EVENT, \"00U000000000001AAA\", drools.getRule().getName()));"),
                rule("Link", "meetings", "Target()", "insert(FieldDecision.linkToPerson(SObjectType.EVENT, \"WhoId\", drools.getRule().getName()));"));
        assertThat(d.actions()).isEmpty();
        assertThat(d.failures()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("WhoId"));
        assertThat(d.meeting()).isEqualTo(new RecordChoice(SObjectType.EVENT, "00U000000000001AAA", "meeting"));
        assertThat(decide(NEW_LEAD).actions()).singleElement().satisfies(a -> assertThat(a.operation()).isEqualTo(Operation.CREATE));
    }

    @Test
    @DisplayName("a fact made without a rule name carries the firing rule's name; DRL that passes it still works")
    void ruleNameFromTheFiringRule() {
        Decision d = decide(
                rule("Choose a new Lead, named by the engine", "object-choice", "",
                        "insert(new Target(Role.PERSON, SObjectType.LEAD, null));"),
                rule("Choose a new Event, named by hand", "object-choice", "",
                        "insert(new Target(Role.MEETING, SObjectType.EVENT, null, drools.getRule().getName()));"),
                rule("Title the Lead", "overwrite", "Target(role == Role.PERSON)",
                        "insert(FieldDecision.of(SObjectType.LEAD, \"Title\", \"CTO\", Provenance.MAPPING, \"title\"));"),
                rule("Link the Event", "meetings", "Target(role == Role.MEETING)",
                        "insert(FieldDecision.linkToPerson(SObjectType.EVENT, \"WhoId\"));"),
                rule("Require a phone", "fallback", "Target(role == Role.PERSON)",
                        "insert(new Invalid(SObjectType.LEAD, \"Phone\", \"is required\"));"));
        assertThat(d.trace().fields()).extracting(o -> o.field() + " by " + o.rule())
                .contains("Title by Title the Lead", "WhoId by Link the Event");
        assertThat(d.failures()).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo("Require a phone"));
        // two Targets from two rules, the one named by the engine and the one named by hand: both recorded by name
        Decision twice = decide(NEW_LEAD, rule("Choose a new Contact", "object-choice", "",
                "insert(new Target(Role.PERSON, SObjectType.CONTACT, null));"));
        assertThat(List.of(twice.contradictions().get(0).firstRule(), twice.contradictions().get(0).secondRule()))
                .containsExactlyInAnyOrder("Choose a new Lead", "Choose a new Contact");
    }

    @Test
    @DisplayName("outside a rule's consequence a fact cannot be made without its rule name, and says so")
    void ruleNameOutsideAConsequence() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new io.oncesync.engine.facts.Target(
                        io.oncesync.engine.facts.Role.PERSON, SObjectType.LEAD, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the rule name");
        // after a consequence threw, the thread does not keep the failed rule's name
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decide(rule("Throw", "mapping", "", "int x = 1 / 0;")))
                .isInstanceOf(RuleFailure.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new io.oncesync.engine.facts.NoMeeting("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a file declares its stage once after the imports; a rule may still name its own")
    void stagePerFile() {
        String drl = HEADER + "ruleflow-group \"object-choice\"\n"
                + "rule \"Choose a new Lead\"\nwhen\nthen\n  insert(new Target(Role.PERSON, SObjectType.LEAD, null));\nend\n"
                + "rule \"Choose a new Event\"\nwhen\nthen\n  insert(new Target(Role.MEETING, SObjectType.EVENT, null));\nend\n"
                + "rule \"Link late\"\n ruleflow-group \"meetings\"\nwhen\n Target(role == Role.MEETING)\nthen\n"
                + "  insert(FieldDecision.linkToPerson(SObjectType.EVENT, \"WhoId\"));\nend\n";
        Decision d = RuleBook.compile(List.of(new RuleSource("t.drl", drl))).orThrow()
                .decide(event, EMPTY_ORG, Optional.empty(), SETTINGS);
        assertThat(d.trace().rulesFired()).extracting(r -> r.stage() + ": " + r.rule()).containsExactlyInAnyOrder(
                "object-choice: Choose a new Lead", "object-choice: Choose a new Event", "meetings: Link late");
        assertThat(d.trace().rulesFired().get(2).rule()).isEqualTo("Link late");
        // the declaration is per file: another file in the same package without one is outside every stage
        CompileResult other = RuleBook.compile(List.of(new RuleSource("t.drl", drl), new RuleSource("u.drl",
                HEADER + "rule \"Stageless\"\nwhen\nthen\nend\n")));
        assertThat(other).isInstanceOf(CompileResult.Failed.class);
        assertThat(((CompileResult.Failed) other).errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("u.drl").contains("Stageless"));
    }

    @Test
    @DisplayName("a rule whose consequence throws is reported by name and stage")
    void throwingRule() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decide(rule("Divide by zero", "mapping", "",
                        "int x = 1 / 0;")))
                .isInstanceOf(RuleFailure.class)
                .hasMessageStartingWith("rule \"Divide by zero\" (stage mapping) failed: java.lang.ArithmeticException");
    }
}
