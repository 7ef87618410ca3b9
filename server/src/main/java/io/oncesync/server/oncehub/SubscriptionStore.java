package io.oncesync.server.oncehub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.inbox.SharedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed subscription: its webhook, its signing secrets and the OnceHub API key, secrets only as
 * {@link io.oncesync.server.salesforce.connect.TokenCipher} ciphertext. One instance keeps it in
 * {@code DATA_DIR/oncehub-subscription.json} (replaced atomically); instances sharing PostgreSQL keep it in the
 * database's {@code shared_state}, so a secret created or rotated through any instance or the CLI is accepted by
 * every instance within a second (the webhook endpoint re-reads it once a second). Re-read on every
 * {@link #current()}, parsed only when it changed; while the database cannot be read the last value read stays in use.
 */
public final class SubscriptionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SHARED_NAME = "oncehub.subscription";

    /** Where the JSON text lives. */
    private interface Slot {
        Optional<String> read() throws IOException;

        void write(String json) throws IOException;

        String where();
    }

    private final Slot slot;
    private String readText;
    private StoredSubscription cached = StoredSubscription.empty();

    private SubscriptionStore(Slot slot) {
        this.slot = slot;
    }

    /** One instance: {@code dataDir/oncehub-subscription.json}. */
    public static SubscriptionStore inDirectory(Path dataDir) {
        Path file = dataDir.resolve(ConfigLoader.ONCEHUB_SUBSCRIPTION_FILE);
        return new SubscriptionStore(new Slot() {
            @Override
            public Optional<String> read() throws IOException {
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
            }

            @Override
            public void write(String json) throws IOException {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                Files.writeString(tmp, json);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public String where() {
                return file.toString();
            }
        });
    }

    /** Several instances: the shared database's {@code shared_state}. */
    public static SubscriptionStore shared(SharedState state) {
        return new SubscriptionStore(new Slot() {
            @Override
            public Optional<String> read() {
                return state.get(SHARED_NAME);
            }

            @Override
            public void write(String json) {
                state.put(SHARED_NAME, Optional.of(json), null);
            }

            @Override
            public String where() {
                return "the shared database";
            }
        });
    }

    /** Where the subscription is kept, for messages. */
    public String where() {
        return slot.where();
    }

    /**
     * Moves a single instance's subscription file into the shared database when the database has none yet (an
     * upgrade to several instances), so the webhook's secret keeps being accepted.
     */
    public void adoptIfEmpty(SubscriptionStore previous) {
        if (current().isEmpty()) {
            StoredSubscription old = previous.current();
            if (!old.isEmpty()) {
                save(old);
                LOG.info("the OnceHub subscription moved from {} into {}", previous.where(), where());
            }
        }
    }

    public synchronized StoredSubscription current() {
        Optional<String> text;
        try {
            text = slot.read();
        } catch (InboxUnavailable e) {
            return cached;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (text.isEmpty()) {
            readText = null;
            cached = StoredSubscription.empty();
        } else if (!text.get().equals(readText)) {
            try {
                cached = parse(JSON.readTree(text.get()));
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
            readText = text.get();
        }
        return cached;
    }

    private IllegalStateException unreadable(Exception e) {
        return new IllegalStateException("the stored OnceHub subscription in " + slot.where() + " cannot be read ("
                + e.getMessage() + "); run 'oncesync oncehub connect' again", e);
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
        String json = n.toPrettyString();
        try {
            slot.write(json);
            cached = s;
            readText = json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the OnceHub subscription in " + slot.where(), e);
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
