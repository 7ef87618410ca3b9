package io.oncesync.server.app;

import io.oncesync.server.config.OwnerOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.server.salesforce.ConnectionStore;
import io.oncesync.server.salesforce.LoginHost;
import io.oncesync.server.salesforce.OrgConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The connected org, kept in {@code DATA_DIR/salesforce-connection.json} so a restart reconnects by itself. The
 * refresh token is stored only as {@link io.oncesync.server.salesforce.TokenCipher} ciphertext (ONCESYNC_TOKEN_KEY);
 * the file is replaced atomically.
 */
public final class FileConnectionStore implements ConnectionStore {
    public static final String FILE = "salesforce-connection.json";
    private static final ObjectMapper JSON = new ObjectMapper();

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
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new OrgConnection(n.path("orgId").asText(), n.path("organizationName").asText(null),
                    n.path("userId").asText(), n.path("username").asText(), n.path("displayName").asText(null),
                    new LoginHost(LoginHost.Kind.valueOf(n.path("loginHostKind").asText()), URI.create(n.path("loginHost").asText())),
                    n.path("instanceUrl").asText(), OrgConnection.Grant.valueOf(n.path("grant").asText()),
                    Optional.ofNullable(n.path("encryptedRefreshToken").asText(null)),
                    Instant.parse(n.path("connectedAt").asText())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored Salesforce connection " + file + " cannot be read ("
                    + e.getMessage() + "); delete it and connect again", e);
        }
    }

    @Override
    public synchronized void save(OrgConnection c) {
        ObjectNode n = JSON.createObjectNode().put("orgId", c.orgId()).put("organizationName", c.organizationName())
                .put("userId", c.userId()).put("username", c.username()).put("displayName", c.displayName())
                .put("loginHostKind", c.loginHost().kind().name()).put("loginHost", c.loginHost().uri().toString())
                .put("instanceUrl", c.instanceUrl()).put("grant", c.grant().name())
                .put("encryptedRefreshToken", c.encryptedRefreshToken().orElse(null))
                .put("connectedAt", c.connectedAt().toString());
        try {
            OwnerOnly.directory(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(tmp, n.toPrettyString());
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
