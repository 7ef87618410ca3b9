package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.rulebook.RuleSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("oncesync rules check / rules test")
class RulesCommandsTest {
    @TempDir
    Path dir;

    /** A copy of the bundled policies, for editing. */
    private Path bundledCopy() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (RuleSource s : RuleSource.bundled()) {
            Files.writeString(rules.resolve(s.name()), s.text(), StandardCharsets.UTF_8);
        }
        return rules;
    }

    @Test
    @DisplayName("rules check passes the bundled rules with exit code 0")
    void bundledRulesPass() {
        Cli r = Cli.run("rules", "check");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("OK: 7 DRL files").contains("bundled settings.yaml is valid");
    }

    @Test
    @DisplayName("rules check names the file and line of a DRL error and of a settings error, and exits 1")
    void problemsNameFileAndLine() throws IOException {
        Path rules = bundledCopy();
        Files.writeString(rules.resolve("mapping.drl"), "\nrule \"broken\"\n  ruleflow-group \"mapping\"\nwhen\n  Nope( x == )\nthen\nend\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(rules.resolve("settings.yaml"), "mappings:\n  Lead:\n    - field: Nope__c\n      from: email\n");
        Cli r = Cli.run("rules", "check", rules.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).containsPattern("mapping\\.drl:\\d+: ")
                .contains(rules.resolve("settings.yaml") + ":3: Lead.Nope__c does not exist in the org");
        assertThat(r.out()).contains("FAILED: 2 problems");
    }

    @Test
    @DisplayName("rules check warns about a text answer mapped to a Date field, and still passes")
    void textToDateWarns() throws IOException {
        Path rules = bundledCopy();
        Files.writeString(rules.resolve("settings.yaml"),
                "mappings:\n  Contact:\n    - field: LastName\n      from: last_name\n    - field: Birthdate\n      from: \"custom:employees\"\n");
        Cli r = Cli.run("rules", "check", rules.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("settings.yaml:5: warning: custom:employees (text) is mapped to Contact.Birthdate (date);"
                + " an answer that is not a yyyy-MM-dd date (e.g. \"11-50\") is left out of the field");
    }

    @Test
    @DisplayName("rules check loads a settings.yaml with the old tab names, warning at each one's file and line")
    void oldTabNamesWarn() throws IOException {
        Path rules = bundledCopy();
        Files.writeString(rules.resolve("settings.yaml"),
                "mappings:\n  Contacts:\n    - field: LastName\n      from: last_name\n  Events:\n    - { field: Subject, from: subject }\n");
        Cli r = Cli.run("rules", "check", rules.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains(rules.resolve("settings.yaml") + ":2: deprecated: mappings: \"Contacts\" is the old name of the"
                + " Contact tab; write \"Contact\"").contains(rules.resolve("settings.yaml") + ":5: deprecated: mappings: \"Events\"");
    }

    @Test
    @DisplayName("rules check validates against a schema snapshot when one is given")
    void orgSchemaSnapshot() throws IOException {
        Path rules = bundledCopy();
        Files.writeString(rules.resolve("settings.yaml"), "mappings:\n  Lead:\n    - field: Industry_Code__c\n      from: company\n");
        assertThat(Cli.run("rules", "check", rules.toString()).code()).isEqualTo(1);
        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, "{\"sobjects\":[{\"name\":\"Lead\",\"fields\":[{\"name\":\"LastName\",\"type\":\"string\",\"length\":80,"
                + "\"nillable\":false},{\"name\":\"Industry_Code__c\",\"type\":\"string\",\"length\":40}]}]}");
        Cli r = Cli.run("rules", "check", rules.toString(), "--org-schema", schema.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("against " + schema);
    }

    @Test
    @DisplayName("rules check exits 2 for a directory or schema file that does not exist")
    void usageErrors() {
        assertThat(Cli.run("rules", "check", dir.resolve("nope").toString()).code()).isEqualTo(2);
        Cli r = Cli.run("rules", "check", "--org-schema", dir.resolve("none.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("none.json");
        assertThat(Cli.run("rules").code()).isEqualTo(2);
    }

    @Test
    @DisplayName("rules test runs every bundled golden scenario against the bundled rules and passes")
    void goldenScenariosPass() {
        Cli r = Cli.run("rules", "test");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("scenario").contains("result").containsPattern("email-hit-on-lead\\s+PASS")
                .containsPattern("(\\d+) scenarios: \\1 passed, 0 failed");
    }

    @Test
    @DisplayName("rules test shows a failing scenario with its first difference and exits 1")
    void failingScenario() throws IOException {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        for (String name : new String[] {"email-hit-on-lead", "unknown-event-type"}) {
            Path d = Files.createDirectories(scenarios.resolve(name));
            for (String f : new String[] {"payload.json", "org.json", "expected.json"}) {
                var in = getClass().getClassLoader().getResourceAsStream("oncesync/scenarios/golden/" + name + "/" + f);
                if (in != null) {
                    Files.write(d.resolve(f), in.readAllBytes());
                }
            }
        }
        Path expected = scenarios.resolve("email-hit-on-lead/expected.json");
        Files.writeString(expected, Files.readString(expected).replace("\"Ops Manager\"", "\"Chief Ops\""));
        Cli r = Cli.run("rules", "test", "--scenarios", scenarios.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("email-hit-on-lead\\s+FAIL\\s+line \\d+: expected \"Title\" : \"Chief Ops\"")
                .containsPattern("unknown-event-type\\s+PASS").contains("2 scenarios: 1 passed, 1 failed");
    }

    @Test
    @DisplayName("rules test exits 1 with file:line when the rules do not compile")
    void brokenRules() throws IOException {
        Path rules = bundledCopy();
        Files.writeString(rules.resolve("extra.drl"), "package oncesync.rules;\nrule \"x\" when\n  Foo( \nthen end\n");
        Cli r = Cli.run("rules", "test", rules.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).containsPattern("extra\\.drl:\\d+: ");
        assertThat(r.out()).contains("do not compile");
    }
}
