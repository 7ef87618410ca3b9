package io.oncesync.engine.rulebook;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Compiling rules gives a {@link Compiled} rule book or every {@link Failed compile error}. */
public sealed interface CompileResult permits CompileResult.Compiled, CompileResult.Failed {

    <R> R fold(Function<RuleBook, R> compiled, Function<List<RuleProblem>, R> failed);

    /** The rule book, or an {@link IllegalStateException} listing the errors (for tests and start-up). */
    default RuleBook orThrow() {
        return fold(b -> b, errors -> {
            throw new IllegalStateException("the rules do not compile:\n"
                    + String.join("\n", errors.stream().map(RuleProblem::toString).toList()));
        });
    }

    record Compiled(RuleBook ruleBook) implements CompileResult {
        public Compiled {
            Objects.requireNonNull(ruleBook, "ruleBook");
        }

        public <R> R fold(Function<RuleBook, R> compiled, Function<List<RuleProblem>, R> failed) {
            return compiled.apply(ruleBook);
        }
    }

    record Failed(List<RuleProblem> errors) implements CompileResult {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("Failed needs at least one error");
            }
        }

        public <R> R fold(Function<RuleBook, R> compiled, Function<List<RuleProblem>, R> failed) {
            return failed.apply(errors);
        }
    }
}
