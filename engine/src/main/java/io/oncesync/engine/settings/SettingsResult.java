package io.oncesync.engine.settings;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Loading settings gives either {@link Loaded} settings or every {@link Invalid problem} found, never a half. */
public sealed interface SettingsResult permits SettingsResult.Loaded, SettingsResult.Invalid {

    <R> R fold(Function<Settings, R> loaded, Function<List<SettingsProblem>, R> invalid);

    /** Warnings of loaded settings (none for invalid ones: their problems say it all). */
    default List<SettingsProblem> warnings() {
        return List.of();
    }

    /** The settings, or an {@link IllegalStateException} listing the problems (for tests and start-up). */
    default Settings orThrow() {
        return fold(s -> s, problems -> {
            throw new IllegalStateException("invalid settings:\n" + String.join("\n",
                    problems.stream().map(SettingsProblem::toString).toList()));
        });
    }

    /** @param warnings what loaded but should be written differently (e.g. a deprecated spelling), at file and line */
    record Loaded(Settings settings, List<SettingsProblem> warnings) implements SettingsResult {
        public Loaded {
            Objects.requireNonNull(settings, "settings");
            warnings = List.copyOf(warnings);
        }

        public Loaded(Settings settings) {
            this(settings, List.of());
        }

        public <R> R fold(Function<Settings, R> loaded, Function<List<SettingsProblem>, R> invalid) {
            return loaded.apply(settings);
        }
    }

    record Invalid(List<SettingsProblem> problems) implements SettingsResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid needs at least one problem");
            }
        }

        public <R> R fold(Function<Settings, R> loaded, Function<List<SettingsProblem>, R> invalid) {
            return invalid.apply(problems);
        }
    }
}
