package io.oncesync.server.app;

import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.inbox.SharedState;
import io.oncesync.server.inbox.Signals;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.OrgConnection;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected org kept in the shared PostgreSQL database, so every instance uses the one connection an admin made
 * through any of them; the refresh token is stored only as ciphertext under the shared ONCESYNC_TOKEN_KEY. Saving or
 * clearing signals the other instances, which drop their session and reopen from the stored connection. While the
 * database cannot be read, the last connection read stays in use.
 */
public final class SharedConnectionStore implements ConnectionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SharedConnectionStore.class);
    static final String NAME = "salesforce.connection";

    private final SharedState state;
    private volatile Optional<OrgConnection> lastRead = Optional.empty();

    public SharedConnectionStore(SharedState state) {
        this.state = state;
    }

    /** Moves a single instance's connection file into the database when the database has none yet (an upgrade). */
    void adoptIfEmpty(ConnectionStore previous) {
        if (state.get(NAME).isEmpty()) {
            previous.current().ifPresent(c -> {
                save(c);
                LOG.info("the Salesforce connection to org {} moved from this instance's data directory into the"
                        + " shared database", c.orgId());
            });
        }
    }

    @Override
    public Optional<OrgConnection> current() {
        Optional<String> text;
        try {
            text = state.get(NAME);
        } catch (InboxUnavailable e) {
            return lastRead;
        }
        try {
            Optional<OrgConnection> read = text.isEmpty() ? Optional.empty() : Optional.of(ConnectionJson.read(text.get()));
            lastRead = read;
            return read;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the Salesforce connection stored in the database cannot be read ("
                    + e.getMessage() + "); connect again", e);
        }
    }

    @Override
    public void save(OrgConnection connection) {
        state.put(NAME, Optional.of(ConnectionJson.write(connection)), Signals.Topic.CONNECTION);
        lastRead = Optional.of(connection);
    }

    @Override
    public void clear() {
        state.put(NAME, Optional.empty(), Signals.Topic.CONNECTION);
        lastRead = Optional.empty();
    }
}
