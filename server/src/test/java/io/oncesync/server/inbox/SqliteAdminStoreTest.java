package io.oncesync.server.inbox;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAdminStoreTest extends AdminStoreContract {
    @TempDir
    Path dir;

    @Override
    InboxDatabase open(MutableClock clock) {
        return InboxDatabase.sqlite(dir, InboxOptions.defaults().withClock(clock));
    }
}
