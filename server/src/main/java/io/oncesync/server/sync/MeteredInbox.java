package io.oncesync.server.sync;

import io.oncesync.server.inbox.Admission;
import io.oncesync.server.inbox.ClaimedBatch;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.IncomingEvent;
import io.oncesync.server.inbox.Settlement;
import io.oncesync.server.ops.SyncMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The inbox, counting what the webhook endpoint admitted and what the workers settled into {@link SyncMetrics}. */
public final class MeteredInbox implements InboxStore {
    private final InboxStore inbox;
    private final SyncMetrics metrics;
    private final Clock clock;

    public MeteredInbox(InboxStore inbox, SyncMetrics metrics, Clock clock) {
        this.inbox = inbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Admission> admit(IncomingEvent event) {
        return inbox.admit(event).thenApply(a -> {
            metrics.delivery(switch (a.kind()) {
                case STORED -> SyncMetrics.Delivery.ACCEPTED;
                case DUPLICATE -> SyncMetrics.Delivery.DUPLICATE;
                case IGNORED -> SyncMetrics.Delivery.IGNORED;
            });
            return a;
        });
    }

    @Override
    public ClaimedBatch claim(int max, Duration lease) {
        return inbox.claim(max, lease);
    }

    @Override
    public void settle(ClaimedBatch batch, Map<Long, Settlement> settlements) {
        inbox.settle(batch, settlements);
        Instant now = clock.instant();
        for (InboxEvent e : batch.events()) {
            Settlement s = settlements.get(e.id());
            if (s == null) {
                continue;
            }
            SyncMetrics.Outcome counted = switch (s.kind()) {
                case APPLIED, IGNORED -> SyncMetrics.Outcome.PROCESSED;
                case DEAD -> SyncMetrics.Outcome.FAILED;
                case RETRY -> SyncMetrics.Outcome.RETRIED;
                // not attempted after all: neither processed nor failed
                case RELEASED -> null;
            };
            if (counted != null) {
                metrics.outcome(counted);
            }
            if (s.kind() == Settlement.Kind.APPLIED && e.receivedAt() != null && !now.isBefore(e.receivedAt())) {
                metrics.syncLatency(Duration.between(e.receivedAt(), now));
            }
        }
    }

    @Override
    public int renew(ClaimedBatch batch, Duration lease) {
        return inbox.renew(batch, lease);
    }

    @Override
    public void release(ClaimedBatch batch) {
        inbox.release(batch);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return inbox.nextDueAt();
    }

    @Override
    public boolean replay(long inboxId) {
        return inbox.replay(inboxId);
    }

    @Override
    public int replayAllDead() {
        return inbox.replayAllDead();
    }

    @Override
    public Optional<InboxEntry> find(long inboxId) {
        return inbox.find(inboxId);
    }

    @Override
    public Optional<InboxEntry> findByEventId(String eventId) {
        return inbox.findByEventId(eventId);
    }

    @Override
    public List<InboxEntry> list(InboxStatus status, int limit) {
        return inbox.list(status, limit);
    }

    @Override
    public Map<InboxStatus, Long> countByStatus() {
        return inbox.countByStatus();
    }

    @Override
    public void onAdmitted(Runnable listener) {
        inbox.onAdmitted(listener);
    }
}
