package io.oncesync.engine.settings;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Loading settings gives either {@link Loaded} settings or every {@link Invalid problem} found, never a half. */
public sealed interface SettingsResult permits SettingsResult.Loaded, SettingsResult.Invalid {

    <R> R fold(Function<Settings, R> loaded, Function<List<SettingsProblem>, R> invalid);

    /** The settings, or an {@link IllegalStateException} listing the problems (for tests and start-up). */
    default Settings orThrow() {
        return fold(s -> s, problems -> {
            throw new IllegalStateException("invalid settings:\n" + String.join("\n",
                    problems.stream().map(SettingsProblem::toString).toList()));
        });
    }

    record Loaded(Settings settings) implements SettingsResult {
        public Loaded {
            Objects.requireNonNull(settings, "settings");
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
