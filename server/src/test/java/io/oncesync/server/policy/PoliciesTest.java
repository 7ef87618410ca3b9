package io.oncesync.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {
    private static final int RELOADS = 4;

    @TempDir
    Path rulesDir;

    /**
     * Version {@code n} of the rules directory: a marker rule named after n, and settings whose case calendar is
     * named after n, so a reader can tell whether the rule book and the settings it got belong together.
     */
    private void writeVersion(int n) throws IOException {
        Files.writeString(rulesDir.resolve("zz-marker.drl"), "package io.oncesync.rules;\n"
                + "rule \"Mark version " + n + "\"\n    ruleflow-group \"meetings\"\nwhen\n"
                + "    io.oncesync.engine.facts.NoMeeting( reason == \"never " + n + "\" )\nthen\nend\n");
        Files.writeString(rulesDir.resolve("settings.yaml"), "meetings:\n  create: Cases\n  case-calendars: [CAL-" + n + "]\n");
    }

    private static int ruleVersion(Policies.Snapshot s) {
        return s.rules().ruleNames().stream().filter(r -> r.startsWith("Mark version ")).findFirst()
                .map(r -> Integer.parseInt(r.substring("Mark version ".length()))).orElseThrow();
    }

    private static int settingsVersion(Policies.Snapshot s) {
        return Integer.parseInt(s.settings().caseCalendars().get(0).substring("CAL-".length()));
    }

    @Test
    @DisplayName("readers racing with reloads always get rules and settings of the same version, and versions only grow")
    void reloadNeverMixesVersions() throws Exception {
        copyBundledRules();
        writeVersion(1);
        Policies policies = Policies.load(new Policies.Source(Optional.of(rulesDir), Optional.empty()));
        assertThat(policies.snapshot().version()).isEqualTo(1);
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                seen.add(readers.submit(() -> {
                    int reads = 0;
                    long lastVersion = 0;
                    while (reloading.get() || reads == 0) {
                        Policies.Snapshot s = policies.snapshot();
                        assertThat(ruleVersion(s)).as("rules and settings of snapshot " + s.version())
                                .isEqualTo(settingsVersion(s)).isEqualTo((int) s.version());
                        assertThat(s.version()).isGreaterThanOrEqualTo(lastVersion);
                        lastVersion = s.version();
                        reads++;
                    }
                    return reads;
                }));
            }
            for (int n = 2; n <= RELOADS; n++) {
                writeVersion(n);
                assertThat(policies.reload()).isEmpty();
            }
            reloading.set(false);
            for (Future<Integer> f : seen) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            reloading.set(false);
            readers.shutdownNow();
        }
        assertThat(policies.snapshot().version()).isEqualTo(RELOADS);
        assertThat(ruleVersion(policies.snapshot())).isEqualTo(RELOADS);
    }

    @Test
    @DisplayName("a reload that fails on the settings keeps the whole snapshot, rules included, and its version")
    void failedReloadKeepsTheSnapshot() throws Exception {
        copyBundledRules();
        writeVersion(1);
        Policies policies = Policies.load(new Policies.Source(Optional.of(rulesDir), Optional.empty()));
        Policies.Snapshot before = policies.snapshot();
        writeVersion(2);
        Files.writeString(rulesDir.resolve("settings.yaml"), "new-contacts: Opportunity\n");
        assertThat(policies.reload()).singleElement().asString().contains("settings.yaml:1");
        assertThat(policies.snapshot()).isSameAs(before);
        assertThat(ruleVersion(policies.snapshot())).isEqualTo(1);
    }

    private void copyBundledRules() throws IOException {
        ClassLoader cl = PoliciesTest.class.getClassLoader();
        for (String line : read(cl, "oncesync/rules/INDEX").split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                Files.writeString(rulesDir.resolve(name), read(cl, "oncesync/rules/" + name), StandardCharsets.UTF_8);
            }
        }
    }

    private static String read(ClassLoader cl, String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(cl.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
