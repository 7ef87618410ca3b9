package io.oncesync.server.work;

import io.oncesync.server.inbox.InboxEvent;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Applies claimed events (rules, then Salesforce). Called on a worker thread; several batches may be processed at
 * once, but no two events in flight share an ordering key (same booking or same guest), and events sharing a key
 * arrive oldest first (OnceHub {@code data.last_updated_time}, then the event's creation time).
 */
@FunctionalInterface
public interface EventProcessor {

    /**
     * Processes a batch of independent events.
     *
     * @return one outcome per event, keyed by {@link InboxEvent#id()}. A missing outcome, or an exception thrown
     *         from here, counts as a retryable failure of every event without an outcome.
     */
    Map<Long, Outcome> process(List<InboxEvent> batch) throws Exception;

    /**
     * Processes a batch the pool may give up on while it runs (past ONCESYNC_BATCH_TIMEOUT_SECONDS, or at shutdown):
     * once {@code abandoned} is true the batch's events are back in the inbox, possibly already taken up by another
     * worker, and whatever this call returns is dropped. A processor about to write somewhere outside the inbox
     * checks it first, so an abandoned batch never writes alongside its own retry. The interrupt that comes with
     * giving up can be swallowed by the code it lands in (a rule, a driver); this flag cannot.
     */
    default Map<Long, Outcome> process(List<InboxEvent> batch, BooleanSupplier abandoned) throws Exception {
        return process(batch);
    }
}
