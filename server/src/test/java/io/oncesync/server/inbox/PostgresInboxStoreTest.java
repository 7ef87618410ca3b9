package io.oncesync.server.inbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresInboxStoreTest extends InboxStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** A fresh database per test, so tests do not see each other's rows. */
    static javax.sql.DataSource freshDatabase(EmbeddedPostgres pg) throws Exception {
        String name = "inbox_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return pg.getDatabase("postgres", name);
    }

    @Override
    InboxDatabase open(MutableClock clock) throws Exception {
        return InboxDatabase.postgres(freshDatabase(postgres), InboxOptions.defaults().withClock(clock));
    }
}
