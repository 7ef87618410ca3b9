package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that drains concurrent admissions and commits them together, so one fsync covers many
 * webhooks. A bounded queue keeps memory bounded under a flood: when it is full, admissions fail fast as
 * overloaded instead of waiting.
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

    private record Pending(IncomingEvent event, CompletableFuture<Admission> result) {
    }

    private final Jdbc jdbc;
    private final Clock clock;
    private final int maxGroup;
    private final BlockingQueue<Pending> queue;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean open = true;

    GroupCommitter(Jdbc jdbc, Clock clock, int queueCapacity, int maxGroup) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxGroup = maxGroup;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::run, "inbox-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void onAdmitted(Runnable listener) {
        listeners.add(listener);
    }

    CompletableFuture<Admission> admit(IncomingEvent event) {
        CompletableFuture<Admission> result = new CompletableFuture<>();
        if (!open) {
            result.completeExceptionally(new InboxUnavailable("the inbox is closed", false, null));
        } else if (!queue.offer(new Pending(event, result))) {
            result.completeExceptionally(new InboxUnavailable(
                    "the inbox write queue is full (" + queue.size() + " waiting)", true, null));
        }
        return result;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
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

    private void commit(List<Pending> group) {
        List<Admission> admissions;
        try {
            admissions = jdbc.inTransaction("storing " + group.size() + " events", c -> insertAll(c, group));
        } catch (InboxUnavailable groupFailure) {
            if (group.size() > 1) {
                // One bad row must not fail its neighbours: retry them one by one.
                group.forEach(p -> commit(List.of(p)));
            } else {
                LOG.error("event {} could not be stored: {}", group.get(0).event().eventId(), groupFailure.getMessage());
                group.get(0).result().completeExceptionally(groupFailure);
            }
            return;
        }
        boolean anyActionable = false;
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(admissions.get(i));
            anyActionable |= admissions.get(i).kind() == Admission.Kind.STORED;
        }
        if (anyActionable) {
            listeners.forEach(Runnable::run);
        }
    }

    private List<Admission> insertAll(Connection c, List<Pending> group) throws SQLException {
        List<Admission> admissions = new ArrayList<>(group.size());
        long now = Jdbc.millis(clock.instant());
        try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT);
             PreparedStatement key = c.prepareStatement(INSERT_KEY);
             PreparedStatement find = c.prepareStatement(FIND_ID)) {
            for (Pending pending : group) {
                admissions.add(insertOne(insert, key, find, pending.event(), now));
            }
            key.executeBatch();
        }
        return admissions;
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
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(new InboxUnavailable("the inbox is closed", false, null));
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
