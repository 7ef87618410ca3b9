package io.oncesync.server.work;

import io.oncesync.server.inbox.InboxEvent;
import java.util.List;
import java.util.Map;

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
}
