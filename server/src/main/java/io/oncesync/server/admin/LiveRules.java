package io.oncesync.server.admin;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleBookHolder;
import io.oncesync.engine.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The rules in use: the rule book (through the engine's {@link RuleBookHolder}, which workers read) and the settings
 * that go with it, replaced together. Reloading from the rules directory or uploading files compiles and validates
 * first; anything wrong leaves the current rules in place and answers every problem. Reloads and uploads are
 * serialised; reading is lock-free.
 */
public final class LiveRules {

    /** What is in use now. {@code dir} is empty for the rules bundled in the jar. */
    public record Active(RuleBook book, Settings settings, Optional<Path> dir, List<String> files, Instant loadedAt) {
        public Active {
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(settings, "settings");
            files = List.copyOf(files);
        }
    }

    /** A reload or upload: applied, or refused with every problem (the previous rules stay). */
    public record Change(boolean applied, RulesCheck.Outcome outcome) {
    }

    private final RuleBookHolder holder;
    private final AtomicReference<Active> active;
    private final Optional<Path> dir;
    private final boolean uploadEnabled;
    private final Clock clock;

    /**
     * @param holder        the holder workers decide with; it must already hold {@code initial}'s rule book
     * @param dir           the rules directory reloads read and uploads write; empty = the bundled rules (read-only)
     * @param uploadEnabled ONCESYNC_RULES_UPLOAD_ENABLED
     */
    public LiveRules(RuleBookHolder holder, Settings initialSettings, Optional<Path> dir, boolean uploadEnabled, Clock clock) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.uploadEnabled = uploadEnabled;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.active = new AtomicReference<>(new Active(holder.current(), initialSettings, dir,
                holder.current().files(), clock.instant()));
    }

    public Active active() {
        return active.get();
    }

    /** The settings workers must decide with, always matching {@link RuleBookHolder#current()}. */
    public Settings settings() {
        return active.get().settings();
    }

    public RuleBookHolder holder() {
        return holder;
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

    /** Compiles and validates the rules directory and, only if everything is right, makes it current. */
    public synchronized Change reload(OrgMetadata metadata) {
        if (dir.isEmpty()) {
            throw new IllegalStateException("no rules directory is configured (ONCESYNC_RULES_DIR); the bundled rules cannot change");
        }
        return apply(RulesCheck.directory(dir.get(), metadata));
    }

    /**
     * Writes uploaded files ({@code name.drl} or {@code settings.yaml} → text) into the rules directory and makes
     * the result current, but only when the directory with them in place compiles and validates: the check runs on
     * the merged set first, and nothing is written when it fails. Each file is replaced atomically.
     */
    public synchronized Change upload(Map<String, String> files, OrgMetadata metadata) throws IOException {
        if (!uploadEnabled) {
            throw new IllegalStateException("uploading rules is off (ONCESYNC_RULES_UPLOAD_ENABLED=false)");
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
            Path target = dir.get().resolve(f.getKey());
            Path tmp = Files.createTempFile(dir.get(), ".upload-", ".tmp");
            try {
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return apply(outcome);
    }

    private Change apply(RulesCheck.Outcome outcome) {
        if (!outcome.ok()) {
            return new Change(false, outcome);
        }
        RuleBook book = outcome.book().orElseThrow();
        holder.reload(() -> new CompileResult.Compiled(book));
        active.set(new Active(book, outcome.settings().orElseThrow(), dir, outcome.files(), clock.instant()));
        return new Change(true, outcome);
    }

    private static Map<String, String> onDisk(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".drl") || name.equals(RulesCheck.SETTINGS_FILE))) {
                    out.put(name, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
