package io.oncesync.engine.settings;

import java.util.Objects;

/** One thing wrong with the admin's settings, at a file and line. {@code toString()} is {@code file:line: message}. */
public record SettingsProblem(SourceLine at, String message) {
    public SettingsProblem {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return at + ": " + message;
    }
}
