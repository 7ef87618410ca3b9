package io.oncesync.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.oncesync.server.app.FileConnectionStore;
import io.oncesync.server.config.OwnerOnly;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OrgConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another local user must not read guests' emails: the data directory is 700 and everything in it 600. */
class FileModesTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null, "POSIX file system");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    @DisplayName("A new data directory is 700, the database and its WAL files 600, the Salesforce connection file 600")
    void createdOwnerOnly() throws Exception {
        Path data = tmp.resolve("fresh").resolve("data");
        try (InboxDatabase db = InboxDatabase.sqlite(data, InboxOptions.defaults())) {
            db.audit().record("admin-token", "test", "", "ok", "a write so the WAL exists");
            new FileConnectionStore(data).save(new OrgConnection("00D", "Acme", "005", "ada@acme.com", "Ada",
                    LoginHost.production(), "https://acme.my.salesforce.com", OrgConnection.Grant.WEB_SERVER,
                    Optional.of("sealed"), Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(mode(data)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.toList()) {
                    assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------");
                }
            }
            assertThat(data.resolve(InboxDatabase.SQLITE_FILE)).exists();
            assertThat(data.resolve(InboxDatabase.SQLITE_FILE + "-wal")).exists();
            assertThat(data.resolve(FileConnectionStore.FILE)).exists();
        }
    }

    @Test
    @DisplayName("An existing directory of 755 with a 644 database is tightened at start")
    void existingTightened() throws Exception {
        Path data = tmp.resolve("old");
        Files.createDirectories(data);
        Path db = data.resolve(InboxDatabase.SQLITE_FILE);
        Files.createFile(db);
        Path other = Files.createDirectory(data.resolve("schema"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (InboxDatabase opened = InboxDatabase.sqlite(data, InboxOptions.defaults())) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(db)).isEqualTo("rw-------");
            assertThat(mode(other)).isEqualTo("rwx------");
        }
    }

    @Test
    @DisplayName("Modes already tighter than owner-only are left alone")
    void tighterKept() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("strict"));
        Path f = Files.createFile(data.resolve("notes"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        OwnerOnly.directory(data);
        assertThat(mode(f)).isEqualTo("r--------");
    }
}
