package io.oncesync.engine.rulebook;

/**
 * A rule's consequence threw while deciding (an admin-edited DRL can, e.g. calling a method on a null value).
 * Retrying the same event with the same rules fails the same way: park the event and report the rule.
 */
public final class RuleFailure extends RuntimeException {

    private final String rule;
    private final String stage;

    RuleFailure(String stage, String rule, Throwable cause) {
        super("rule \"" + rule + "\" (stage " + stage + ") failed: " + cause, cause);
        this.rule = rule;
        this.stage = stage;
    }

    public String rule() {
        return rule;
    }

    public String stage() {
        return stage;
    }
}
