package io.oncesync.engine.rulebook;

import java.util.Objects;

/** A problem in a DRL file. {@code line} is 1-based, or 0 when Drools did not say. Prints as {@code file:line: message}. */
public record CompileError(String file, int line, String message) {
    public CompileError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
