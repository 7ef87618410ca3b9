package io.oncesync.server.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable inbox. Thread-safe; every method except {@link #admit} blocks on the database, so call them from
 * worker threads, never from an event loop.
 */
public interface InboxStore {

    /**
     * Stores an event durably, deduplicated by event id. Concurrent admissions are grouped into one transaction.
     * The future completes (on the store's writer thread) only after the commit; it fails with
     * {@link InboxUnavailable} when the store is overloaded, closed or the database fails.
     */
    CompletableFuture<Admission> admit(IncomingEvent event);

    /**
     * Claims up to {@code max} due events whose ordering keys are free, oldest first, for {@code lease}.
     * An event whose lease ran out (its worker died) can be claimed again.
     */
    ClaimedBatch claim(int max, Duration lease);

    /** Records what happened to claimed events; entries whose claim is no longer held are left alone. */
    void settle(ClaimedBatch batch, Map<Long, Settlement> settlements);

    /** Extends the lease of a batch still being processed; returns how many of its events were still held. */
    int renew(ClaimedBatch batch, Duration lease);

    /** Puts events of a batch still unsettled back to waiting, without counting the attempt. */
    void release(ClaimedBatch batch);

    /** The earliest time a waiting event becomes due, if any event waits. */
    Optional<Instant> nextDueAt();

    /**
     * Makes a dead event due again with a fresh attempt count, or a waiting event (received, retrying, held by a
     * pause) due now. Returns false when it is neither (being processed, applied, ignored).
     */
    boolean replay(long inboxId);

    /** Replays every dead event; returns how many. */
    int replayAllDead();

    Optional<InboxEntry> find(long inboxId);

    Optional<InboxEntry> findByEventId(String eventId);

    /** Entries with a status, oldest first, at most {@code limit}. */
    List<InboxEntry> list(InboxStatus status, int limit);

    Map<InboxStatus, Long> countByStatus();

    /** Registers a callback run after new actionable events are committed (used to wake workers). */
    void onAdmitted(Runnable listener);
}
