package io.oncesync.engine.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBookCompileTest {

    private static final String GOOD = """
            package t;
            import io.oncesync.engine.facts.*;

            rule "Create a new record from what there is"
                ruleflow-group "identification"
            when
                not Identifier()
            then
                insert(new Unidentified("nothing", drools.getRule().getName()));
            end
            """;

    private static List<String> errors(CompileResult r) {
        return r.fold(b -> List.of(), es -> es.stream().map(RuleProblem::toString).toList());
    }

    @Test
    @DisplayName("good DRL compiles into a rule book that knows its rules")
    void compiles() {
        RuleBook book = RuleBook.compile(List.of(new RuleSource("identification.drl", GOOD))).orThrow();
        assertThat(book.ruleNames()).containsExactly("Create a new record from what there is");
        assertThat(book.files()).containsExactly("identification.drl");
    }

    @Test
    @DisplayName("a syntax error names the file and line, without Drools' follow-on noise")
    void syntaxError() {
        String bad = GOOD.replace("not Identifier()", "not Identifier(");
        assertThat(errors(RuleBook.compile(List.of(new RuleSource("ok.drl", GOOD.replace("package t;", "package u;")),
                new RuleSource("broken.drl", bad)))))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e).startsWith("broken.drl:").doesNotContain("null Package"));
    }

    @Test
    @DisplayName("an unknown property is reported at the rule's file and line")
    void semanticError() {
        List<String> errors = errors(RuleBook.compile(List.of(new RuleSource("x.drl",
                GOOD.replace("not Identifier()", "not Identifier( colour == \"red\" )")))));
        assertThat(errors).singleElement().asString().startsWith("x.drl:7: ").contains("colour");
    }

    @Test
    @DisplayName("a rule outside the seven stages is a compile error at its line")
    void stageless() {
        String noGroup = GOOD.replace("    ruleflow-group \"identification\"\n", "");
        assertThat(errors(RuleBook.compile(List.of(new RuleSource("x.drl", noGroup))))).containsExactly(
                "x.drl:4: rule \"Create a new record from what there is\" has no stage; declare the file's once after its "
                        + "imports (ruleflow-group \"<stage>\") or give the rule its own, "
                        + "one of [identification, object-choice, mapping, overwrite, repair, fallback, meetings]");
        assertThat(errors(RuleBook.compile(List.of(new RuleSource("x.drl", GOOD.replace("\"identification\"", "\"typo\""))))))
                .singleElement().asString().contains("is in stage \"typo\"");
    }

    @Test
    @DisplayName("no files, or an unreadable directory, is an error value")
    void nothing(@TempDir Path dir) {
        assertThat(errors(RuleBook.compile(List.of()))).containsExactly("(rules):0: there are no DRL files");
        assertThat(errors(RuleBook.compile(dir.resolve("missing")))).singleElement().asString().contains("cannot read");
    }

    @Test
    @DisplayName("a directory compiles every .drl in it")
    void directory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("identification.drl"), GOOD);
        Files.writeString(dir.resolve("README.txt"), "not a rule");
        assertThat(RuleBook.compile(dir).orThrow().files()).containsExactly("identification.drl");
    }
}
