package io.oncesync.server.console;

import io.oncesync.server.policy.Policies;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsProblem;
import io.oncesync.engine.settings.SettingsValidator;
import io.oncesync.server.admin.RulesCheck;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings file behind the console's Save and Roll back. A save is checked exactly like {@code rules check}
 * checks settings (the loader, then the validator against the org's fields), written atomically (a temp file in the
 * rules directory moved over {@code settings.yaml}) and reloaded with the rules ({@code reload}: the swap is atomic,
 * webhooks keep flowing). The file it replaces is kept under {@code history} first, so any earlier version can be
 * put back. If the reload refuses the new file (a DRL beside it broke meanwhile), the previous file is restored.
 * Saves are serialised. Blocking.
 */
final class SettingsStore {
    static final int KEEP_VERSIONS = 50;
    private static final Pattern VERSION = Pattern.compile("settings-\\d{13}-\\d{3}\\.yaml");

    /** A problem of a checked form: the loader's or validator's message and where in the form it belongs. */
    record Problem(String message, int line, JsonObject pointer) {
        JsonObject json() {
            return new JsonObject().put("message", message).put("line", line).put("at", pointer);
        }
    }

    /** A form checked: the settings when valid, else every problem. */
    record Checked(SettingsForm.Written written, Optional<Settings> settings, List<Problem> problems) {
        boolean ok() {
            return problems.isEmpty() && settings.isPresent();
        }
    }

    /** A kept earlier version of the file. */
    record Version(String id, Instant savedAt, long bytes) {
    }

    private final Optional<Path> rulesDir;
    private final Path history;
    private final Supplier<OrgMetadata> metadata;
    private final Supplier<List<String>> reload;
    private final Clock clock;

    /**
     * @param reload reloads rules and settings from disk, answering the problems (empty = swapped)
     */
    SettingsStore(Optional<Path> rulesDir, Path history, Supplier<OrgMetadata> metadata, Supplier<List<String>> reload,
                  Clock clock) {
        this.rulesDir = Objects.requireNonNull(rulesDir, "rulesDir");
        this.history = Objects.requireNonNull(history, "history");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.reload = Objects.requireNonNull(reload, "reload");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether saving is possible: a rules directory is configured. */
    boolean writable() {
        return rulesDir.isPresent();
    }

    Optional<Path> file() {
        return rulesDir.map(d -> d.resolve(Policies.SETTINGS_FILE));
    }

    /** Loads and validates the form's settings against the org, as {@code rules check} does. */
    Checked check(JsonObject form) {
        SettingsForm.Written w = SettingsForm.yaml(form);
        return check(w);
    }

    private Checked check(SettingsForm.Written w) {
        List<Problem> problems = new ArrayList<>();
        Optional<Settings> settings = SettingsLoader.parse(Policies.SETTINGS_FILE, w.yaml()).fold(s -> {
            List<SettingsProblem> invalid = SettingsValidator.validate(s, metadata.get());
            invalid.forEach(p -> problems.add(problem(w, p)));
            return invalid.isEmpty() ? Optional.of(s) : Optional.<Settings>empty();
        }, list -> {
            list.forEach(p -> problems.add(problem(w, p)));
            return Optional.<Settings>empty();
        });
        return new Checked(w, settings, problems);
    }

    private static Problem problem(SettingsForm.Written w, SettingsProblem p) {
        return new Problem(p.message(), p.at().line(), w.pointer(p.at().line()));
    }

    /**
     * Checks, keeps the current file as a version, writes and reloads. Answers the check (with problems, nothing
     * written) or, when the reload itself refused, the reload's problems (the previous file is back in force).
     */
    synchronized Checked save(JsonObject form) throws IOException {
        Checked checked = check(form);
        if (!checked.ok()) {
            return checked;
        }
        Path file = file().orElseThrow(() -> new IllegalStateException("no rules directory is configured"));
        Optional<String> previous = Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
        keep(previous.orElseGet(() -> SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE)));
        write(file, checked.written().yaml());
        List<String> refused = reload.get();
        if (refused.isEmpty()) {
            return checked;
        }
        if (previous.isPresent()) {
            write(file, previous.get());
        } else {
            Files.deleteIfExists(file);
        }
        reload.get();
        List<Problem> problems = refused.stream()
                .map(p -> new Problem("not reloaded, the previous settings stay in force: " + p, 0,
                        new JsonObject().put("section", "file"))).toList();
        return new Checked(checked.written(), Optional.empty(), problems);
    }

    /** The text of the settings in force on disk (or the bundled file when the directory has none). */
    String currentText() throws IOException {
        Optional<Path> f = file().filter(Files::exists);
        return f.isPresent() ? Files.readString(f.get(), StandardCharsets.UTF_8)
                : SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE);
    }

    /** Kept versions, newest first. */
    List<Version> versions() throws IOException {
        if (!Files.isDirectory(history)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(history)) {
            return files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                    .map(SettingsStore::version).toList();
        }
    }

    /** The text of a kept version, or empty for an unknown id. */
    Optional<String> version(String id) throws IOException {
        if (id == null || !VERSION.matcher(id + ".yaml").matches()) {
            return Optional.empty();
        }
        Path p = history.resolve(id + ".yaml");
        return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static Version version(Path p) {
        String name = p.getFileName().toString();
        long millis = Long.parseLong(name.substring(9, 22));
        try {
            return new Version(name.substring(0, name.length() - 5), Instant.ofEpochMilli(millis), Files.size(p));
        } catch (IOException e) {
            return new Version(name.substring(0, name.length() - 5), Instant.ofEpochMilli(millis), -1);
        }
    }

    private void keep(String text) throws IOException {
        Files.createDirectories(history);
        long now = clock.millis();
        Path target;
        int n = 0;
        do {
            target = history.resolve(String.format("settings-%013d-%03d.yaml", now, n++));
        } while (Files.exists(target) && n < 1000);
        write(target, text);
        List<Version> all = versions();
        for (Version old : all.subList(Math.min(all.size(), KEEP_VERSIONS), all.size())) {
            Files.deleteIfExists(history.resolve(old.id() + ".yaml"));
        }
    }

    /** Replaces {@code target} atomically: readers see the old file or the new one, never half. */
    static void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".settings-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
