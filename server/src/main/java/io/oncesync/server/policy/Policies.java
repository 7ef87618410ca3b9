package io.oncesync.server.policy;

import io.oncesync.engine.rulebook.RuleProblem;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsProblem;
import io.oncesync.engine.settings.SettingsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules and settings in force: the DRL rule book (bundled, or every {@code *.drl} in RULES_DIR) and the admin's
 * settings ({@code RULES_DIR/settings.yaml} when present, else the bundled file), optionally with an overlay (the
 * demo's case calendar). Both are held as one immutable {@link Snapshot} swapped atomically: {@link #reload()}
 * replaces it only when both load (otherwise the old one stays in force), and a batch takes {@link #snapshot()}
 * once, so it never decides with new rules and old settings.
 */
public final class Policies {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Policies.class);

    /** The settings file of a rules directory. */
    public static final String SETTINGS_FILE = "settings.yaml";

    /**
     * Rules and settings that were loaded together. {@code version} counts reloads (1 for the first load), so logs
     * and tests can tell which pair decided.
     */
    public record Snapshot(long version, RuleBook rules, Settings settings) {
        public Snapshot {
            if (version < 1) {
                throw new IllegalArgumentException("version must be at least 1, was " + version);
            }
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** Where the settings come from besides the bundled base. */
    public record Source(Optional<Path> rulesDir, Optional<Overlay> overlay) {
        public Source {
            Objects.requireNonNull(rulesDir, "rulesDir");
            Objects.requireNonNull(overlay, "overlay");
        }

        public static Source bundled() {
            return new Source(Optional.empty(), Optional.empty());
        }
    }

    /** Settings YAML laid over the base (later keys win), named for error messages. */
    public record Overlay(String name, String yaml) {
    }

    private final Source source;
    private final AtomicReference<Snapshot> current;
    /** The shared rules version in force; 0 while the rules come from the directory or the jar. */
    private volatile long version;
    /** The DRL files in force when they were installed from a shared version, to skip recompiling unchanged DRL. */
    private volatile List<RuleSource> installedDrl = List.of();

    private Policies(Source source, RuleBook book, Settings settings) {
        this.source = source;
        this.current = new AtomicReference<>(new Snapshot(1, book, settings));
    }

    /** Loads rules and settings; every problem of both is listed in the exception. */
    public static Policies load(Source source) throws PolicyException {
        List<String> problems = new ArrayList<>();
        Optional<RuleBook> book = compile(source, problems);
        Optional<Settings> settings = settings(source, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policies(source, book.orElseThrow(), settings.orElseThrow());
    }

    /** Recompiles the rules and reloads the settings; on any problem nothing changes and the problems are returned. */
    public synchronized List<String> reload() {
        List<String> problems = new ArrayList<>();
        Optional<RuleBook> book = compile(source, problems);
        Optional<Settings> loaded = settings(source, problems);
        if (problems.isEmpty()) {
            // synchronized: reloads are serialised, so the version read here is the one replaced
            current.set(new Snapshot(current.get().version() + 1, book.orElseThrow(), loaded.orElseThrow()));
            installedDrl = List.of();
        }
        return List.copyOf(problems);
    }

    /**
     * Puts a shared rules version in force: its {@code *.drl} files and its {@code settings.yaml} (the bundled settings
     * when it has none), with the overlay if any. DRL identical to what is in force is not compiled again, so a
     * settings change takes milliseconds. On any problem nothing changes and the problems are returned.
     */
    public synchronized List<String> install(long newVersion, Map<String, String> files) {
        List<RuleSource> drl = files.entrySet().stream().filter(f -> f.getKey().endsWith(".drl"))
                .map(f -> new RuleSource(f.getKey(), f.getValue())).sorted(Comparator.comparing(RuleSource::name)).toList();
        List<String> problems = new ArrayList<>();
        Optional<RuleBook> book = drl.equals(installedDrl) ? Optional.of(current.get().rules())
                : RuleBook.compile(drl).fold(Optional::of, errors -> {
                    errors.stream().map(RuleProblem::toString).forEach(problems::add);
                    return Optional.empty();
                });
        String name = "version " + newVersion + " settings.yaml";
        Optional<Settings> loaded = settingsText(Optional.ofNullable(files.get(SETTINGS_FILE)), name, problems);
        if (problems.isEmpty()) {
            current.set(new Snapshot(current.get().version() + 1, book.orElseThrow(), loaded.orElseThrow()));
            installedDrl = drl;
            version = newVersion;
        }
        return List.copyOf(problems);
    }

    /** The rules and settings files this instance loaded at start (DRL and settings.yaml, if any), to publish. */
    public Map<String, String> sourceFiles() throws java.io.IOException {
        Map<String, String> out = new TreeMap<>();
        List<RuleSource> drl = source.rulesDir().isPresent() ? RuleSource.fromDirectory(source.rulesDir().get())
                : RuleSource.bundled();
        drl.forEach(r -> out.put(r.name(), r.text()));
        Optional<Path> file = source.rulesDir().map(d -> d.resolve(SETTINGS_FILE)).filter(Files::isRegularFile);
        if (file.isPresent()) {
            out.put(SETTINGS_FILE, Files.readString(file.get()));
        }
        return out;
    }

    /**
     * Records that the rule book in force was compiled from these files (the ones {@link #sourceFiles()} read at
     * start), so installing a shared version with the same DRL does not compile it a second time.
     */
    public synchronized void assumeCompiledFrom(Map<String, String> files) {
        installedDrl = files.entrySet().stream().filter(f -> f.getKey().endsWith(".drl"))
                .map(f -> new RuleSource(f.getKey(), f.getValue())).sorted(Comparator.comparing(RuleSource::name)).toList();
    }

    /** The shared rules version in force; 0 when the rules come from this instance's directory or the jar. */
    public long version() {
        return version;
    }

    private Optional<Settings> settingsText(Optional<String> yaml, String name, List<String> problems) {
        SettingsResult result;
        String base = yaml.orElseGet(() -> SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE));
        String baseName = yaml.isPresent() ? name : "settings.yaml";
        result = source.overlay().map(o -> SettingsLoader.parse(baseName, base, o.name(), o.yaml()))
                .orElseGet(() -> SettingsLoader.parse(baseName, base));
        result.warnings().forEach(w -> LOG.warn("settings: {}", w));
        return result.fold(Optional::of, list -> {
            list.stream().map(SettingsProblem::toString).forEach(problems::add);
            return Optional.empty();
        });
    }

    /** The rules and settings in force, as one pair: take it once per batch or request. */
    public Snapshot snapshot() {
        return current.get();
    }

    public Source source() {
        return source;
    }

    private static Optional<RuleBook> compile(Source source, List<String> problems) {
        CompileResult result = source.rulesDir().map(RuleBook::compile).orElseGet(RuleBook::compileBundled);
        return result.fold(Optional::of, errors -> {
            errors.stream().map(RuleProblem::toString).forEach(problems::add);
            return Optional.empty();
        });
    }

    private static Optional<Settings> settings(Source source, List<String> problems) {
        SettingsResult result;
        Optional<Path> file = source.rulesDir().map(d -> d.resolve("settings.yaml")).filter(Files::isRegularFile);
        if (source.overlay().isPresent()) {
            Overlay o = source.overlay().get();
            String baseName = file.map(Path::toString).orElse("settings.yaml");
            String base;
            try {
                base = file.isPresent() ? Files.readString(file.get())
                        : SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE);
            } catch (java.io.IOException e) {
                problems.add(baseName + ": cannot read: " + e.getMessage());
                return Optional.empty();
            }
            result = SettingsLoader.parse(baseName, base, o.name(), o.yaml());
        } else {
            result = file.map(SettingsLoader::load).orElseGet(SettingsLoader::bundled);
        }
        result.warnings().forEach(w -> LOG.warn("settings: {}", w));
        return result.fold(Optional::of, list -> {
            list.stream().map(SettingsProblem::toString).forEach(problems::add);
            return Optional.empty();
        });
    }

    /** Rules or settings that do not load, every problem named with its file and line. */
    public static final class PolicyException extends Exception {
        private final List<String> problems;

        public PolicyException(List<String> problems) {
            super("the rules or settings do not load:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
