package io.oncesync.engine.plan;

import java.util.List;

/**
 * How a decision was reached: every rule that fired, in firing order, and the origin of every field value
 * (including values deliberately left alone).
 */
public record Trace(List<FiredRule> rulesFired, List<FieldOrigin> fields) {
    public Trace {
        rulesFired = List.copyOf(rulesFired);
        fields = List.copyOf(fields);
    }

    /** Names of the rules that fired, in order. */
    public List<String> ruleNames() {
        return rulesFired.stream().map(FiredRule::rule).toList();
    }
}
