package io.oncesync.server.inbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Something changed, look again" between the instances on one database: on PostgreSQL through LISTEN/NOTIFY
 * ({@link PgSignals}), on the single-instance SQLite database within the process. A signal carries no data and may be
 * lost (a dropped listening connection), so every listener also looks again on a timer: signals make changes reach
 * the other instances within milliseconds, polling keeps them correct.
 *
 * <p>Listeners run on the signalling thread and must only hand work off (wake a dispatcher, submit a task).
 */
public class Signals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    /** What changed. */
    public enum Topic {
        /** Events may have become claimable (admitted, settled, replayed, or freed from a dead instance). */
        WORK("oncesync_work"),
        /** A new rules version was published. */
        RULES("oncesync_rules"),
        /** The shared Salesforce connection was saved or cleared. */
        CONNECTION("oncesync_connection");

        private final String channel;

        Topic(String channel) {
            this.channel = channel;
        }

        /** The PostgreSQL LISTEN/NOTIFY channel. */
        public String channel() {
            return channel;
        }
    }

    private final Map<Topic, List<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Signals within this process only (one instance). */
    public static Signals inProcess() {
        return new Signals();
    }

    public void subscribe(Topic topic, Runnable listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Tells every instance (this one included) that {@code topic} changed. */
    public void publish(Topic topic) {
        deliver(topic);
    }

    /** Runs the listeners of {@code topic} here. */
    protected final void deliver(Topic topic) {
        for (Runnable r : listeners.getOrDefault(topic, List.of())) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("a {} listener failed: {}", topic, e.toString());
            }
        }
    }

    @Override
    public void close() {
    }
}
