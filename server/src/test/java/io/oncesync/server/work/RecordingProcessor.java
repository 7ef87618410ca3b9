package io.oncesync.server.work;

import io.oncesync.server.inbox.InboxEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake processor: records every event it sees, notices when two events sharing an ordering key are in flight at
 * once, and answers with a scripted outcome (applied by default).
 */
public final class RecordingProcessor implements EventProcessor {
    public final List<InboxEvent> seen = new CopyOnWriteArrayList<>();
    public final List<List<InboxEvent>> batches = new CopyOnWriteArrayList<>();
    public final AtomicInteger overlaps = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<String> busyKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Function<InboxEvent, Outcome> script = e -> Outcome.applied("003P" + e.id(), List.of("00UE" + e.id()),
            "applied " + e.eventId());
    private volatile CountDownLatch expected = new CountDownLatch(0);

    public RecordingProcessor answering(Function<InboxEvent, Outcome> newScript) {
        this.script = newScript;
        return this;
    }

    /** Arms a latch that {@link #awaitEvents} waits on. */
    public void expect(int events) {
        expected = new CountDownLatch(events);
    }

    public boolean awaitEvents() throws InterruptedException {
        return expected.await(60, TimeUnit.SECONDS);
    }

    @Override
    public Map<Long, Outcome> process(List<InboxEvent> batch) {
        batches.add(batch);
        int now = inFlight.addAndGet(batch.size());
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            for (InboxEvent e : batch) {
                for (String key : e.orderingKeys()) {
                    if (!busyKeys.add(key)) {
                        overlaps.incrementAndGet();
                    }
                }
            }
            Map<Long, Outcome> outcomes = new HashMap<>();
            for (InboxEvent e : batch) {
                seen.add(e);
                outcomes.put(e.id(), script.apply(e));
            }
            return outcomes;
        } finally {
            for (InboxEvent e : batch) {
                e.orderingKeys().forEach(busyKeys::remove);
            }
            inFlight.addAndGet(-batch.size());
            batch.forEach(e -> expected.countDown());
        }
    }
}
