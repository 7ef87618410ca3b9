package io.oncesync.engine.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the intermittent "(rules):0: could not read class" (issue 15): a compile in a running JVM
 * reads the class files of the types a rule uses from the class path again, so a jar rewritten in place under the
 * JVM (a {@code mvn install} of the same snapshot, a redeploy over the same path) failed the compile while
 * everything else kept working. The jar is truncated here, as it is while being rewritten.
 */
class JarRewrittenCompileTest {

    private static final String DRL = """
            package t;
            import probe.Probe;
            rule "Identify the guest by the probe"
                ruleflow-group "identification"
            when
                Probe( value == "x" )
            then
            end
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("rules compile again after a jar they use was rewritten under the running JVM")
    void compilesAfterTheJarIsRewritten() throws Exception {
        Path jar = probeJar();
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                RuleCompiler.class.getClassLoader())) {
            ClassBytes bytes = new ClassBytes(classes);
            List<RuleSource> sources = List.of(new RuleSource("probe.drl", DRL));
            assertThat(errors(RuleCompiler.compile(sources, classes, bytes))).isEmpty();

            Files.write(jar, new byte[0]);

            assertThat(errors(RuleCompiler.compile(sources, classes, bytes))).as("compiled while the jar is empty").isEmpty();
        }
    }

    private static List<String> errors(CompileResult r) {
        return r.fold(b -> List.of(), es -> es.stream().map(RuleProblem::toString).toList());
    }

    /** A jar holding {@code probe.Probe}, a record compiled here so no other class loader can see it. */
    private Path probeJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/probe")).resolve("Probe.java");
        Files.writeString(src, "package probe; public record Probe(String value) {}");
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", out.toString(), src.toString())).isZero();
        Path jar = dir.resolve("probe.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file)) {
            zip.putNextEntry(new JarEntry("probe/Probe.class"));
            zip.write(Files.readAllBytes(out.resolve("probe/Probe.class")));
            zip.closeEntry();
        }
        return jar;
    }
}
