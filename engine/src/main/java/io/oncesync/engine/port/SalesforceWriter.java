package io.oncesync.engine.port;

import io.oncesync.engine.plan.Decision;
import java.util.List;

/**
 * Executes a plan against Salesforce, in action order, resolving {@link io.oncesync.engine.plan.FieldValue.ResultOf}
 * references from earlier outcomes. Implemented by the gateway.
 */
public interface SalesforceWriter {

    /**
     * Executes {@code decision.actions()} (the caller has checked {@link Decision#executable()}). Returns one
     * outcome per action, in action order.
     */
    List<ActionOutcome> execute(Decision decision) throws CallFailure;
}
