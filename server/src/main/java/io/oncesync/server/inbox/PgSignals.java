package io.oncesync.server.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Signals} over PostgreSQL LISTEN/NOTIFY: one dedicated connection (outside the pool) listens on every topic's
 * channel and waits in {@code PGConnection.getNotifications(timeout)}; publishing is a NOTIFY on a pooled connection.
 * When the listening connection breaks it is opened again, and every topic is delivered once, since notifications
 * sent meanwhile are lost.
 */
final class PgSignals extends Signals {
    private static final Logger LOG = LoggerFactory.getLogger(PgSignals.class);
    private static final int WAIT_MS = 500;
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

    private final Callable<Connection> listenConnection;
    private final DataSource pool;
    private final Thread listener;
    private volatile boolean open = true;

    PgSignals(Callable<Connection> listenConnection, DataSource pool) {
        this.listenConnection = listenConnection;
        this.pool = pool;
        this.listener = new Thread(this::listen, "oncesync-listen");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void publish(Topic topic) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + topic.channel());
        } catch (SQLException e) {
            // The others find the change on their next periodic check; this instance looks at once.
            LOG.warn("could not signal {} to the other instances: {}", topic, e.getMessage());
            deliver(topic);
        }
    }

    private void listen() {
        boolean first = true;
        while (open) {
            try (Connection c = listenConnection.call()) {
                try (Statement s = c.createStatement()) {
                    for (Topic t : Topic.values()) {
                        s.execute("LISTEN " + t.channel());
                    }
                }
                if (!first) {
                    LOG.info("listening for changes from the other instances again");
                    for (Topic t : Topic.values()) {
                        deliver(t);
                    }
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (open) {
                    PGNotification[] got = pg.getNotifications(WAIT_MS);
                    if (got != null) {
                        deliverAll(got);
                    }
                }
            } catch (Exception e) {
                if (!open) {
                    return;
                }
                first = false;
                LOG.warn("listening for changes from the other instances failed ({}); polling until it works again",
                        e.getMessage());
                sleep(RECONNECT_AFTER);
            }
        }
    }

    private void deliverAll(PGNotification[] notifications) {
        boolean[] seen = new boolean[Topic.values().length];
        for (PGNotification n : notifications) {
            for (Topic t : Topic.values()) {
                if (t.channel().equals(n.getName())) {
                    seen[t.ordinal()] = true;
                }
            }
        }
        for (Topic t : Topic.values()) {
            if (seen[t.ordinal()]) {
                deliver(t);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // The listener sees this within one wait and closes its connection itself.
        open = false;
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
