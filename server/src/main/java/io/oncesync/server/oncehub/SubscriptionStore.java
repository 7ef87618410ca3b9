package io.oncesync.server.oncehub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The managed subscription in {@code DATA_DIR/oncehub-subscription.json}, beside the Salesforce connection and
 * like it: secrets only as {@link io.oncesync.server.salesforce.connect.TokenCipher} ciphertext, the file replaced
 * atomically. Re-read when the file changes, so {@code oncesync oncehub rotate-secret} run beside a live
 * {@code serve} takes effect there too.
 */
public final class SubscriptionStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private FileTime readAt;
    private StoredSubscription cached = StoredSubscription.empty();

    public SubscriptionStore(Path dataDir) {
        this.file = dataDir.resolve(ConfigLoader.ONCEHUB_SUBSCRIPTION_FILE);
    }

    public Path file() {
        return file;
    }

    public synchronized StoredSubscription current() {
        try {
            if (!Files.isRegularFile(file)) {
                readAt = null;
                cached = StoredSubscription.empty();
                return cached;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                cached = parse(JSON.readTree(file.toFile()));
                readAt = modified;
            }
            return cached;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored OnceHub subscription " + file + " cannot be read ("
                    + e.getMessage() + "); run 'oncesync oncehub connect' again", e);
        }
    }

    public synchronized void save(StoredSubscription s) {
        ObjectNode n = JSON.createObjectNode().put("webhookId", s.webhookId().orElse(null)).put("name", s.name())
                .put("url", s.url()).put("encryptedApiKey", s.encryptedApiKey().orElse(null));
        ArrayNode secrets = n.putArray("secrets");
        for (StoredSubscription.StoredSecret sec : s.secrets()) {
            secrets.addObject().put("webhookId", sec.webhookId()).put("encrypted", sec.encrypted())
                    .put("createdAt", sec.createdAt().toString())
                    .put("retiredAt", sec.retiredAt().map(Instant::toString).orElse(null));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, n.toPrettyString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            cached = s;
            readAt = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the OnceHub subscription in " + file, e);
        }
    }

    private static StoredSubscription parse(JsonNode n) {
        List<StoredSubscription.StoredSecret> secrets = new ArrayList<>();
        for (JsonNode s : n.path("secrets")) {
            secrets.add(new StoredSubscription.StoredSecret(s.path("webhookId").asText(), s.path("encrypted").asText(),
                    Instant.parse(s.path("createdAt").asText()),
                    Optional.ofNullable(s.path("retiredAt").asText(null)).map(Instant::parse)));
        }
        return new StoredSubscription(Optional.ofNullable(n.path("webhookId").asText(null)), n.path("name").asText(""),
                n.path("url").asText(""), secrets, Optional.ofNullable(n.path("encryptedApiKey").asText(null)));
    }
}
