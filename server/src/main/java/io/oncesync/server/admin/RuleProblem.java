package io.oncesync.server.admin;

import java.util.Objects;

/** One problem in a rules directory: a DRL compile error or a settings problem. Prints as {@code file:line: message}. */
public record RuleProblem(String file, int line, String message) {
    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
