package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that drains queued writes and commits them together, so one fsync covers many webhooks.
 * Admissions always come through here; on SQLite the workers' claims and settlements do too, so the database has
 * exactly one writer and every commit carries as much as is waiting. Admissions are bounded by count and by body
 * bytes: beyond either, new ones fail fast as overloaded instead of queueing without limit.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final String INSERT_EVENT = """
            INSERT INTO inbox_event (event_id, event_type, booking_id, guest_key, ordering_keys, order_at, created_at,
                                     received_at, status, attempts, next_attempt_at, decision_trace, finished_at, raw_body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING id""";
    private static final String INSERT_KEY = "INSERT INTO inbox_open_key (event_pk, ordering_key) VALUES (?, ?)";
    private static final String FIND_ID = "SELECT id FROM inbox_event WHERE event_id = ?";

    /** A queued write: an admission (event set) or any other unit of work. */
    private static final class Task {
        final IncomingEvent event;
        final String what;
        final Jdbc.Work<?> work;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        Object value;

        Task(IncomingEvent event, String what, Jdbc.Work<?> work) {
            this.event = event;
            this.what = what;
            this.work = work;
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;
    private final int admitCapacity;
    private final long admitBytes;
    private final int maxGroup;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger admissionsWaiting = new AtomicInteger();
    private final AtomicLong bytesWaiting = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean open = true;

    /** Run in a transaction that stored an actionable event (PostgreSQL: NOTIFY the other instances), or null. */
    private final String notifySql;

    GroupCommitter(Jdbc jdbc, Clock clock, int admitCapacity, long admitBytes, int maxGroup, String notifySql) {
        this.jdbc = jdbc;
        this.notifySql = notifySql;
        this.clock = clock;
        this.admitCapacity = admitCapacity;
        this.admitBytes = admitBytes;
        this.maxGroup = maxGroup;
        this.writer = new Thread(this::run, "inbox-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void onAdmitted(Runnable listener) {
        listeners.add(listener);
    }

    @SuppressWarnings("unchecked")
    CompletableFuture<Admission> admit(IncomingEvent event) {
        int size = event.rawBody().length;
        if (admissionsWaiting.incrementAndGet() > admitCapacity | bytesWaiting.addAndGet(size) > admitBytes) {
            admissionsWaiting.decrementAndGet();
            bytesWaiting.addAndGet(-size);
            return CompletableFuture.failedFuture(new InboxUnavailable("the inbox write queue is full (at most "
                    + admitCapacity + " events or " + admitBytes + " bytes wait)", true, null));
        }
        Task task = new Task(event, "storing event " + event.eventId(), null);
        task.result.whenComplete((r, e) -> {
            admissionsWaiting.decrementAndGet();
            bytesWaiting.addAndGet(-size);
        });
        enqueue(task);
        return task.result.thenApply(r -> (Admission) r);
    }

    /** Runs {@code work} in the next group transaction and waits for its commit. */
    @SuppressWarnings("unchecked")
    <T> T write(String what, Jdbc.Work<T> work) {
        Task task = new Task(null, what, work);
        enqueue(task);
        try {
            return (T) task.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void enqueue(Task task) {
        if (!open) {
            task.result.completeExceptionally(new InboxUnavailable("the inbox is closed", false, null));
            return;
        }
        queue.add(task);
    }

    private void run() {
        List<Task> group = new ArrayList<>(maxGroup);
        while (open || !queue.isEmpty()) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        failRemaining();
    }

    private void commit(List<Task> group) {
        try {
            jdbc.inTransaction(group.size() == 1 ? group.get(0).what : "writing " + group.size() + " changes",
                    c -> runAll(c, group));
        } catch (RuntimeException groupFailure) {
            // InboxUnavailable for SQL failures; anything else is a bug in a task, which must not kill the writer.
            if (group.size() > 1 && StorageFault.of(groupFailure)) {
                // A full disk or a database locked by another process fails every change alike: retrying them one
                // by one would make the last webhook of the group wait the busy timeout once per neighbour.
                group.forEach(t -> fail(t, groupFailure));
            } else if (group.size() > 1) {
                // One failing change must not fail its neighbours: retry them one by one.
                group.forEach(t -> commit(List.of(t)));
            } else {
                fail(group.get(0), groupFailure);
            }
            return;
        }
        boolean stored = false;
        for (Task task : group) {
            task.result.complete(task.value);
            stored |= task.value instanceof Admission a && a.kind() == Admission.Kind.STORED;
        }
        if (stored) {
            listeners.forEach(Runnable::run);
        }
    }

    private static void fail(Task task, RuntimeException failure) {
        if (task.event != null) {
            LOG.error("event {} could not be stored: {}", task.event.eventId(), failure.getMessage());
        }
        task.result.completeExceptionally(failure);
    }

    private Void runAll(Connection c, List<Task> group) throws SQLException {
        long now = Jdbc.millis(clock.instant());
        try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT);
             PreparedStatement key = c.prepareStatement(INSERT_KEY);
             PreparedStatement find = c.prepareStatement(FIND_ID)) {
            for (Task task : group) {
                if (task.event != null) {
                    task.value = insertOne(insert, key, find, task.event, now);
                } else {
                    // A claim in this same transaction must see the ordering keys of events admitted before it.
                    key.executeBatch();
                    task.value = task.work.run(c);
                }
            }
            key.executeBatch();
        }
        if (notifySql != null && group.stream().anyMatch(t -> t.event != null && !t.event.ignored())) {
            try (PreparedStatement notify = c.prepareStatement(notifySql)) {
                notify.execute();
            }
        }
        return null;
    }

    private static Admission insertOne(PreparedStatement insert, PreparedStatement key, PreparedStatement find,
                                       IncomingEvent e, long now) throws SQLException {
        insert.setString(1, e.eventId());
        insert.setString(2, e.type());
        insert.setString(3, e.bookingId());
        insert.setString(4, e.guestKey());
        insert.setString(5, OrderingKeys.join(e.orderingKeys()));
        insert.setLong(6, Jdbc.millis(e.orderAt()));
        insert.setLong(7, Jdbc.millis(e.createdAt()));
        insert.setLong(8, now);
        insert.setString(9, (e.ignored() ? InboxStatus.IGNORED : InboxStatus.RECEIVED).name());
        insert.setLong(10, now);
        insert.setString(11, e.ignored() ? "ignored on receipt: " + e.ignoreReason() : null);
        if (e.ignored()) {
            insert.setLong(12, now);
        } else {
            insert.setNull(12, java.sql.Types.BIGINT);
        }
        insert.setBytes(13, e.rawBody());
        try (ResultSet rs = insert.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                if (!e.ignored()) {
                    for (String k : e.orderingKeys()) {
                        key.setLong(1, id);
                        key.setString(2, k);
                        key.addBatch();
                    }
                }
                return new Admission(id, e.ignored() ? Admission.Kind.IGNORED : Admission.Kind.STORED);
            }
        }
        find.setString(1, e.eventId());
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("event " + e.eventId() + " conflicted but cannot be found");
            }
            return new Admission(rs.getLong(1), Admission.Kind.DUPLICATE);
        }
    }

    private void failRemaining() {
        Task task;
        while ((task = queue.poll()) != null) {
            task.result.completeExceptionally(new InboxUnavailable("the inbox is closed", false, null));
        }
    }

    /** Stops accepting, commits what is queued, then stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
