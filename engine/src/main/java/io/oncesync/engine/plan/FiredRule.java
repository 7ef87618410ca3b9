package io.oncesync.engine.plan;

import java.util.Objects;

/** One rule firing, in order: the policy stage (ruleflow group) and the rule's name. */
public record FiredRule(String stage, String rule) {
    public FiredRule {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return stage + ": " + rule;
    }
}
