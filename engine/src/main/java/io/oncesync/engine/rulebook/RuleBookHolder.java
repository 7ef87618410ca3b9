package io.oncesync.engine.rulebook;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rule book in use, swapped atomically on reload. A reload that fails to compile leaves the current rule
 * book in place, so decisions never see a half-loaded or broken set of rules. Thread-safe.
 */
public final class RuleBookHolder {

    private final AtomicReference<RuleBook> current;

    public RuleBookHolder(RuleBook initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The rule book to decide with now. */
    public RuleBook current() {
        return current.get();
    }

    /**
     * Compiles a replacement and, only when it compiles, makes it current. Returns the compile result either way;
     * on failure the previous rule book stays current.
     */
    public CompileResult reload(Supplier<CompileResult> compile) {
        CompileResult result = compile.get();
        if (result instanceof CompileResult.Compiled c) {
            current.set(c.ruleBook());
        }
        return result;
    }
}
