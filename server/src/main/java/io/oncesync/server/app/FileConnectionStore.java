package io.oncesync.server.app;

import io.oncesync.server.config.OwnerOnly;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.OrgConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The connected org, kept in {@code DATA_DIR/salesforce-connection.json} so a restart reconnects by itself. The
 * refresh token is stored only as {@link io.oncesync.server.salesforce.connect.TokenCipher} ciphertext (ONCESYNC_TOKEN_KEY);
 * the file is replaced atomically.
 */
public final class FileConnectionStore implements ConnectionStore {
    public static final String FILE = "salesforce-connection.json";

    private final Path file;

    public FileConnectionStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public synchronized Optional<OrgConnection> current() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConnectionJson.read(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored Salesforce connection " + file + " cannot be read ("
                    + e.getMessage() + "); delete it and connect again", e);
        }
    }

    @Override
    public synchronized void save(OrgConnection c) {
        try {
            OwnerOnly.directory(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(tmp, ConnectionJson.write(c));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the Salesforce connection in " + file, e);
        }
    }

    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
