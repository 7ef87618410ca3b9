package io.oncesync.engine.rulebook;

import java.util.Objects;

/**
 * One problem in a rules directory: a DRL compile error or a settings problem, from the compiler, {@code rules check},
 * the admin API and the console alike. {@code line} is 1-based, or 0 when Drools did not say. Prints as
 * {@code file:line: message}.
 */
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
