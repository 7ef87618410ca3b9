package io.oncesync.server.admin;

import io.oncesync.engine.rulebook.RuleProblem;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import io.oncesync.server.policy.Policies;
import io.oncesync.server.app.RulePublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The admin API's hold on the rules in force ({@link Policies}: rule book and settings, swapped together).
 * Reloading from the rules directory and uploading files first compile the DRL and validate the settings against
 * the org's fields; anything wrong leaves the rules in force untouched and answers every problem with file and line.
 * Reloads and uploads are serialised.
 */
public final class LiveRules {
    private static final Pattern FILE_LINE = Pattern.compile("^(.+?):(\\d+): (.*)$", Pattern.DOTALL);

    /** The rules in force and how to swap them; {@link #of(Policies)} in the server. */
    public interface Target {
        /** The rule book and settings in force, loaded together. */
        Policies.Snapshot snapshot();

        /** Reloads rules and settings from disk; returns the problems ("file:line: message"), empty when swapped. */
        List<String> reload();

        /**
         * Where changes go when several instances share the rules (a PostgreSQL database): uploads and reloads are
         * published there as a new version instead of written to this instance's directory. Empty by default.
         */
        default Optional<RulePublisher> shared() {
            return Optional.empty();
        }
    }

    /**
     * What is in force now. {@code dir} is empty for the rules bundled in the jar; {@code version} is the shared
     * version (0 when the rules are this instance's own).
     */
    public record Active(RuleBook book, Settings settings, Optional<Path> dir, Instant loadedAt, long version) {
    }

    /** A reload or upload: applied, or refused with every problem (the previous rules stay). */
    public record Change(boolean applied, RulesCheck.Outcome outcome) {
    }

    private final Target target;
    private final Optional<Path> dir;
    private final boolean uploadEnabled;
    private final Clock clock;
    private volatile Instant loadedAt;

    /**
     * @param dir           the rules directory reloads read and uploads write; empty = the bundled rules (read-only)
     * @param uploadEnabled ONCESYNC_RULES_UPLOAD_ENABLED
     */
    public LiveRules(Target target, Optional<Path> dir, boolean uploadEnabled, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.uploadEnabled = uploadEnabled;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loadedAt = clock.instant();
    }

    /** The server's policies as a target. */
    public static Target of(Policies policies) {
        return of(policies, Optional.empty());
    }

    /** The server's policies as a target, publishing changes through {@code shared} when present. */
    public static Target of(Policies policies, Optional<RulePublisher> shared) {
        return new Target() {
            @Override
            public Optional<RulePublisher> shared() {
                return shared;
            }

            @Override
            public Policies.Snapshot snapshot() {
                return policies.snapshot();
            }

            @Override
            public List<String> reload() {
                return policies.reload();
            }
        };
    }

    public Active active() {
        Policies.Snapshot now = target.snapshot();
        return new Active(now.rules(), now.settings(), dir, loadedAt,
                target.shared().map(RulePublisher::version).orElse(0L));
    }

    /** Whether uploads have somewhere to go: the shared rules, or the rules directory. */
    public boolean hasUploadTarget() {
        return target.shared().isPresent() || dir.isPresent();
    }

    public Optional<Path> dir() {
        return dir;
    }

    public boolean uploadEnabled() {
        return uploadEnabled;
    }

    /** Checks the rules directory (or the bundled rules) without changing anything. */
    public RulesCheck.Outcome validateDirectory(OrgMetadata metadata) {
        return dir.map(d -> RulesCheck.directory(d, metadata)).orElseGet(() -> RulesCheck.bundled(metadata));
    }

    /** Checks the rules directory and, only when everything is right, puts it in force. */
    public synchronized Change reload(OrgMetadata metadata) {
        if (dir.isEmpty()) {
            throw new IllegalStateException("no rules directory is configured (ONCESYNC_RULES_DIR); the bundled rules cannot change");
        }
        if (target.shared().isPresent()) {
            RulesCheck.Outcome checked = RulesCheck.directory(dir.get(), metadata);
            if (!checked.ok()) {
                return new Change(false, checked);
            }
            try {
                return publish(onDisk(dir.get()), checked);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the rules directory " + dir.get(), e);
            }
        }
        return swap(RulesCheck.directory(dir.get(), metadata));
    }

    /**
     * Writes uploaded files ({@code name.drl} or {@code settings.yaml} → text) into the rules directory and puts
     * the result in force — only when the directory with them in place compiles and validates: the check runs on
     * the merged set first and nothing is written when it fails. Each file is replaced atomically.
     */
    public synchronized Change upload(Map<String, String> files, OrgMetadata metadata) throws IOException {
        if (!uploadEnabled) {
            throw new IllegalStateException("uploading rules is off (ONCESYNC_RULES_UPLOAD_ENABLED=false)");
        }
        if (target.shared().isPresent()) {
            Map<String, String> merged = new LinkedHashMap<>(target.shared().get().files());
            merged.putAll(files);
            RulesCheck.Outcome outcome = RulesCheck.files(merged, metadata);
            return outcome.ok() ? publish(merged, outcome) : new Change(false, outcome);
        }
        if (dir.isEmpty()) {
            throw new IllegalStateException("no rules directory is configured (ONCESYNC_RULES_DIR) to upload into");
        }
        Map<String, String> merged = new LinkedHashMap<>(onDisk(dir.get()));
        merged.putAll(files);
        RulesCheck.Outcome outcome = RulesCheck.files(merged, metadata);
        if (!outcome.ok()) {
            return new Change(false, outcome);
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path tmp = Files.createTempFile(dir.get(), ".upload-", ".tmp");
            try {
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, dir.get().resolve(f.getKey()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return swap(outcome);
    }

    /**
     * The DRL files and settings.yaml an upload would replace (name → text): the shared version's files when the rules
     * are shared between instances, else the rules directory's; empty when there is neither.
     */
    public synchronized Map<String, String> filesInForce() throws IOException {
        if (target.shared().isPresent()) {
            return target.shared().get().files();
        }
        return dir.isEmpty() ? Map.of() : onDisk(dir.get());
    }

    /** Publishes a checked file set to every instance as the next shared version, in force here on return. */
    private Change publish(Map<String, String> files, RulesCheck.Outcome checked) {
        return changed(checked, target.shared().orElseThrow().publish(files));
    }

    private Change swap(RulesCheck.Outcome checked) {
        if (!checked.ok()) {
            return new Change(false, checked);
        }
        return changed(checked, target.reload());
    }

    private Change changed(RulesCheck.Outcome checked, List<String> problems) {
        if (!problems.isEmpty()) {
            List<RuleProblem> parsed = new ArrayList<>();
            for (String p : problems) {
                Matcher m = FILE_LINE.matcher(p);
                parsed.add(m.matches() ? new RuleProblem(m.group(1), Integer.parseInt(m.group(2)), m.group(3))
                        : new RuleProblem(dir.map(Object::toString).orElse("rules"), 0, p));
            }
            return new Change(false, new RulesCheck.Outcome(Optional.empty(), Optional.empty(), parsed, checked.files(),
                    checked.settingsSource()));
        }
        loadedAt = clock.instant();
        return new Change(true, checked);
    }

    private static Map<String, String> onDisk(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".drl") || name.equals(Policies.SETTINGS_FILE))) {
                    out.put(name, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
