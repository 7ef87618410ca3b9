package io.oncesync.server.app;

import io.oncesync.engine.rulebook.CompileError;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsProblem;
import io.oncesync.engine.settings.SettingsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        }
        return List.copyOf(problems);
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
        if (result instanceof CompileResult.Failed f && f.errors().stream().allMatch(e -> e.line() == 0 && e.file().equals("(rules)"))) {
            // Drools' embedded Java compiler now and then fails to read a class from the classpath ("could not read
            // class") without anything being wrong with the DRL; a second attempt compiles.
            result = source.rulesDir().map(RuleBook::compile).orElseGet(RuleBook::compileBundled);
        }
        return result.fold(Optional::of, errors -> {
            errors.stream().map(CompileError::toString).forEach(problems::add);
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
