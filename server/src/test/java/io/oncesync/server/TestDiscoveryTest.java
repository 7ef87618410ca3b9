package io.oncesync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs only the classes its includes name: a test class named otherwise compiles, passes a focused
 * {@code -Dtest=} run and never runs in {@code mvn verify} (the jqwik properties did exactly that until the server's
 * includes gained {@code *Properties}). Every class with a test annotation in any module must be named so it runs.
 */
class TestDiscoveryTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern ANNOTATED = Pattern.compile(
            "^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|Property|Example|FuzzTest)\\b", Pattern.MULTILINE);
    /** A contract's tests run through the named classes that extend or implement it. */
    private static final Pattern CONTRACT = Pattern.compile("^(public )?(abstract class|interface) ", Pattern.MULTILINE);
    /** Surefire's default includes; the server's pom adds *Properties (and runs fuzz/*FuzzTest on its own). */
    private static final Pattern DEFAULT = Pattern.compile("(Test.*|.*Test|.*Tests|.*TestCase)\\.java");
    private static final Pattern INCLUDE = Pattern.compile("<include>\\*\\*/([A-Za-z*]+)\\.java</include>");

    /** The server's includes, read from its pom as surefire reads them. */
    private static Pattern serverIncludes() throws IOException {
        List<String> globs = INCLUDE.matcher(Files.readString(ROOT.resolve("server/pom.xml"))).results()
                .map(m -> m.group(1).replace("*", ".*")).toList();
        assertThat(globs).as("server/pom.xml's surefire includes").isNotEmpty();
        return Pattern.compile("(" + String.join("|", globs) + ")\\.java");
    }

    @Test
    @DisplayName("every test class in every module is named so that surefire runs it in mvn verify")
    void everyTestClassRuns() throws IOException {
        List<Path> modules = List.of(ROOT.resolve("engine"), ROOT.resolve("rules"), ROOT.resolve("server"),
                ROOT.resolve("fixtures/local-org"), ROOT.resolve("fixtures/local-oncehub"), ROOT.resolve("fixtures/scenarios"));
        Pattern server = serverIncludes();
        TreeSet<String> unrun = new TreeSet<>();
        int seen = 0;
        for (Path module : modules) {
            Path tests = module.resolve("src/test/java");
            assertThat(tests).as("test sources of " + module).isDirectory();
            Pattern runs = module.endsWith("server") ? server : DEFAULT;
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    if (!ANNOTATED.matcher(text).find() || CONTRACT.matcher(text).find()) {
                        continue;
                    }
                    seen++;
                    if (!runs.matcher(f.getFileName().toString()).matches()) {
                        unrun.add(ROOT.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(seen).as("test classes found").isGreaterThan(100);
        assertThat(unrun).as("test classes surefire would skip: rename them (…Test) or add them to the includes").isEmpty();
    }
}
