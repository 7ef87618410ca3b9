package io.oncesync.server.inbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresAdminStoreTest extends AdminStoreContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    InboxDatabase open(MutableClock clock) throws Exception {
        return InboxDatabase.postgres(PostgresInboxStoreTest.freshDatabase(postgres), InboxOptions.defaults().withClock(clock));
    }
}
