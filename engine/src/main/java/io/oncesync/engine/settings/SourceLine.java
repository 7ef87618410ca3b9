package io.oncesync.engine.settings;

import java.util.Objects;

/** Where a setting was written: file name and 1-based line, for error messages ({@code settings.yaml:12}). */
public record SourceLine(String file, int line) {
    public SourceLine {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
