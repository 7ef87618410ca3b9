package io.oncesync.server.salesforce.connect;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Where the current {@link OrgConnection} is kept (one org per oncesync installation). */
public interface ConnectionStore {
    Optional<OrgConnection> current();

    void save(OrgConnection connection);

    void clear();

    /** Keeps the connection for the life of the process; for tests and the demo. */
    static ConnectionStore inMemory() {
        AtomicReference<OrgConnection> ref = new AtomicReference<>();
        return new ConnectionStore() {
            @Override
            public Optional<OrgConnection> current() {
                return Optional.ofNullable(ref.get());
            }

            @Override
            public void save(OrgConnection connection) {
                ref.set(connection);
            }

            @Override
            public void clear() {
                ref.set(null);
            }
        };
    }
}
