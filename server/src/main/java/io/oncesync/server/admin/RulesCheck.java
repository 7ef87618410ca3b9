package io.oncesync.server.admin;

import io.oncesync.server.policy.Policies;
import io.oncesync.engine.rulebook.RuleProblem;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsProblem;
import io.oncesync.engine.settings.SettingsValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a set of DRL policies and loads and validates their {@code settings.yaml} against an org's field
 * metadata, collecting every problem with its file and line. Used by {@code oncesync rules check}, the admin API's
 * validate, reload and upload. Never throws for bad input.
 *
 * <p>A rules directory holds {@code *.drl} files and optionally {@code settings.yaml}; without one the bundled
 * settings apply.
 */
public final class RulesCheck {
    /** The settings file of a rules directory. */

    /**
     * What a check found: the rule book and settings when both are good, and every problem.
     *
     * @param prefix what problems' file names are relative to ({@code rules/} for a directory, empty otherwise)
     */
    public record Outcome(Optional<RuleBook> book, Optional<Settings> settings, List<RuleProblem> problems,
                          List<String> files, String settingsSource, List<RuleProblem> warnings) {
        public Outcome {
            problems = List.copyOf(problems);
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }

        /** Without warnings. */
        public Outcome(Optional<RuleBook> book, Optional<Settings> settings, List<RuleProblem> problems,
                       List<String> files, String settingsSource) {
            this(book, settings, problems, files, settingsSource, List.of());
        }

        public boolean ok() {
            return problems.isEmpty() && book.isPresent() && settings.isPresent();
        }

        public int ruleCount() {
            return book.map(b -> b.ruleNames().size()).orElse(0);
        }
    }

    private RulesCheck() {
    }

    /** Checks the rules bundled in the jar. */
    public static Outcome bundled(OrgMetadata metadata) {
        return check(RuleSource.bundled(), null, metadata, "");
    }

    /** Checks a directory of {@code *.drl} files plus optional {@code settings.yaml}; problems name {@code dir/file}. */
    public static Outcome directory(Path dir, OrgMetadata metadata) {
        String prefix = dir + java.io.File.separator;
        if (!Files.isDirectory(dir)) {
            return failed(new RuleProblem(dir.toString(), 0, "is not a directory"));
        }
        List<RuleSource> sources;
        String settings = null;
        try {
            sources = RuleSource.fromDirectory(dir);
            Path s = dir.resolve(Policies.SETTINGS_FILE);
            if (Files.exists(s)) {
                settings = Files.readString(s, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return failed(new RuleProblem(dir.toString(), 0, "cannot read: " + e.getMessage()));
        }
        return check(sources, settings, metadata, prefix);
    }

    /**
     * Checks files given by name ({@code identification.drl → text}, optionally {@code settings.yaml}), e.g. as
     * posted to the admin API. Names must be plain file names.
     */
    public static Outcome files(Map<String, String> files, OrgMetadata metadata) {
        List<RuleSource> sources = new ArrayList<>();
        List<RuleProblem> bad = new ArrayList<>();
        String settings = null;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String name = f.getKey();
            if (!isPlainName(name)) {
                bad.add(new RuleProblem(name, 0, "a rule file name must be a plain file name like identification.drl"));
            } else if (name.equals(Policies.SETTINGS_FILE)) {
                settings = f.getValue();
            } else if (name.endsWith(".drl")) {
                sources.add(new RuleSource(name, f.getValue()));
            } else {
                bad.add(new RuleProblem(name, 0, "only *.drl files and settings.yaml belong in a rules directory"));
            }
        }
        if (!bad.isEmpty()) {
            return new Outcome(Optional.empty(), Optional.empty(), bad, List.of(), "");
        }
        sources.sort(java.util.Comparator.comparing(RuleSource::name));
        return check(sources, settings, metadata, "");
    }

    /** Whether {@code name} is a file name without any directory part. */
    public static boolean isPlainName(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") && !name.contains("..");
    }

    static Outcome check(List<RuleSource> sources, String settingsYaml, OrgMetadata metadata, String prefix) {
        List<RuleProblem> problems = new ArrayList<>();
        List<String> names = sources.stream().map(RuleSource::name).toList();
        Optional<RuleBook> book = Optional.empty();
        if (sources.isEmpty()) {
            problems.add(new RuleProblem(prefix.isEmpty() ? "rules" : prefix, 0, "no *.drl files"));
        } else {
            CompileResult compiled = RuleBook.compile(sources);
            if (compiled instanceof CompileResult.Compiled c) {
                book = Optional.of(c.ruleBook());
            } else if (compiled instanceof CompileResult.Failed f) {
                f.errors().forEach(e -> problems.add(new RuleProblem(prefix + e.file(), e.line(), e.message())));
            }
        }
        String source = settingsYaml == null ? "bundled settings.yaml" : prefix + Policies.SETTINGS_FILE;
        var loaded = settingsYaml == null ? SettingsLoader.bundled() : SettingsLoader.parse(Policies.SETTINGS_FILE, settingsYaml);
        List<RuleProblem> warnings = new ArrayList<>();
        loaded.warnings().forEach(w -> warnings.add(settingsProblem(w, settingsYaml == null ? "" : prefix)));
        Optional<Settings> settings = loaded.fold(s -> {
            SettingsValidator.warnings(s, metadata).forEach(w -> warnings.add(settingsProblem(w,
                    settingsYaml == null ? "" : prefix)));
            List<SettingsProblem> invalid = SettingsValidator.validate(s, metadata);
            invalid.forEach(p -> problems.add(settingsProblem(p, settingsYaml == null ? "" : prefix)));
            return invalid.isEmpty() ? Optional.of(s) : Optional.<Settings>empty();
        }, list -> {
            list.forEach(p -> problems.add(settingsProblem(p, settingsYaml == null ? "" : prefix)));
            return Optional.<Settings>empty();
        });
        return new Outcome(book, settings, problems, names, source, warnings);
    }

    private static RuleProblem settingsProblem(SettingsProblem p, String prefix) {
        return new RuleProblem(prefix + p.at().file(), p.at().line(), p.message());
    }

    private static Outcome failed(RuleProblem p) {
        return new Outcome(Optional.empty(), Optional.empty(), List.of(p), List.of(), "");
    }
}
