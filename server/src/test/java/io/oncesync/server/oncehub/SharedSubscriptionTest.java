package io.oncesync.server.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.server.config.Secret;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.Verdict;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.salesforce.connect.TokenCipher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Instances on one PostgreSQL share the OnceHub subscription: a secret made through one is accepted by all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The OnceHub subscription shared by instances on one PostgreSQL")
class SharedSubscriptionTest {
    private static final String ENDPOINT = "http://127.0.0.1:8080";
    private EmbeddedPostgres postgres;
    private LocalOnceHub hub;
    private final String key = TokenCipher.newBase64Key(new SecureRandom());

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).rateLimits(0, 0).start();
    }

    @AfterAll
    void stop() throws Exception {
        hub.close();
        postgres.close();
    }

    private TokenCipher cipher() {
        return TokenCipher.fromBase64Key(Secret.of(key), new SecureRandom());
    }

    private Subscription subscription(SubscriptionStore store) {
        OnceHubClient client = new OnceHubClient(hub.apiUrl(), () -> Secret.of(hub.apiKey()), 50, Duration.ofMillis(5));
        return new Subscription(client, store, cipher(), "oncesync", ENDPOINT, Clock.systemUTC());
    }

    private boolean accepts(SubscriptionStore store, String secret) {
        ManagedSecrets secrets = new ManagedSecrets(List.of(), store, cipher(), Duration.ofDays(3), Clock.systemUTC());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = SignatureVerifier.sign(new WebhookSecret(secret), Clock.systemUTC().instant().getEpochSecond(), body);
        return new SignatureVerifier(secrets, Duration.ofMinutes(5), Clock.systemUTC()).verify(header, body)
                instanceof Verdict.Valid;
    }

    @Test
    @DisplayName("connected and rotated through one instance, the secrets are accepted by another; nothing in its data"
            + " directory")
    void secretsReachEveryInstance(@TempDir Path dirOne, @TempDir Path dirTwo) throws Exception {
        hub.webhooks().forEach(w -> hub.deleteWebhook(w.id()));
        try (InboxDatabase one = InboxDatabase.postgres(postgres.getPostgresDatabase(), InboxOptions.defaults());
             InboxDatabase two = InboxDatabase.postgres(postgres.getPostgresDatabase(), InboxOptions.defaults())) {
            SubscriptionStore storeOne = SubscriptionStore.shared(one.sharedState());
            storeOne.adoptIfEmpty(SubscriptionStore.inDirectory(dirOne));
            SubscriptionStore storeTwo = SubscriptionStore.shared(two.sharedState());

            subscription(storeOne).connect(false);
            String first = hub.webhooks().get(0).secret();
            assertThat(accepts(storeTwo, first)).as("the other instance accepts the created secret").isTrue();

            subscription(storeTwo).rotateSecret();
            String rotated = hub.webhooks().get(0).secret();
            assertThat(accepts(storeOne, rotated)).as("rotated on the second, accepted by the first").isTrue();
            assertThat(accepts(storeOne, first)).as("the replaced secret during its overlap").isTrue();
            assertThat(storeOne.current().webhookId()).isEqualTo(storeTwo.current().webhookId());
            assertThat(dirOne).isEmptyDirectory();
            assertThat(dirTwo).isEmptyDirectory();
            assertThat(one.sharedState().get(SubscriptionStore.SHARED_NAME)).get().asString()
                    .doesNotContain(rotated).doesNotContain(first).contains("v1:");
        }
    }

    @Test
    @DisplayName("an instance joining PostgreSQL moves its single-instance subscription file into the database")
    void adoptsTheFile(@TempDir Path dir) throws Exception {
        hub.webhooks().forEach(w -> hub.deleteWebhook(w.id()));
        SubscriptionStore file = SubscriptionStore.inDirectory(dir);
        subscription(file).connect(false);
        String secret = hub.webhooks().get(0).secret();
        assertThat(Files.list(dir)).isNotEmpty();
        try (EmbeddedPostgres fresh = EmbeddedPostgres.builder().start();
             InboxDatabase db = InboxDatabase.postgres(fresh.getPostgresDatabase(), InboxOptions.defaults())) {
            SubscriptionStore shared = SubscriptionStore.shared(db.sharedState());
            assertThat(shared.current().isEmpty()).isTrue();
            shared.adoptIfEmpty(file);
            assertThat(accepts(SubscriptionStore.shared(db.sharedState()), secret)).isTrue();
            assertThat(shared.current().webhookId()).isEqualTo(file.current().webhookId());
        }
    }
}
