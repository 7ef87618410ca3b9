package io.oncesync.server.oncehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.localoncehub.Webhook;
import io.oncesync.server.config.Secret;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.Verdict;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The OnceHub client and the managed subscription, against the local OnceHub")
class SubscriptionAndClientTest {
    private static final String ENDPOINT = "http://127.0.0.1:8080";
    @TempDir
    Path dir;
    private LocalOnceHub hub;
    private OnceHubClient client;
    private SubscriptionStore store;
    private TokenCipher cipher;
    private Subscription subscription;

    @BeforeEach
    void start() {
        hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).rateLimits(0, 0).start();
        client = new OnceHubClient(hub.apiUrl(), () -> Secret.of(hub.apiKey()), 50, Duration.ofMillis(5));
        store = SubscriptionStore.inDirectory(dir);
        cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(new SecureRandom())), new SecureRandom());
        subscription = new Subscription(client, store, cipher, "oncesync", ENDPOINT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private ManagedSecrets secrets(Duration overlap) {
        return new ManagedSecrets(List.of(), store, cipher, overlap, Clock.systemUTC());
    }

    private static boolean accepts(ManagedSecrets secrets, String secret) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = SignatureVerifier.sign(new WebhookSecret(secret), Clock.systemUTC().instant().getEpochSecond(), body);
        return new SignatureVerifier(secrets, Duration.ofMinutes(5), Clock.systemUTC()).verify(header, body) instanceof Verdict.Valid;
    }

    @Test
    @DisplayName("connect creates the webhook with every event type and stores only the encrypted secret")
    void connectCreates() throws Exception {
        assertThat(subscription.connect(false)).startsWith("created WHK-");
        Webhook w = hub.webhooks().get(0);
        assertThat(w.url()).isEqualTo(ENDPOINT + "/webhooks/oncehub");
        assertThat(w.events()).containsExactlyInAnyOrderElementsOf(Subscription.EVENTS).hasSize(11);
        assertThat(Files.readString(dir.resolve(io.oncesync.server.config.ConfigLoader.ONCEHUB_SUBSCRIPTION_FILE))).doesNotContain(w.secret()).contains("v1:");
        assertThat(accepts(secrets(Duration.ofDays(3)), w.secret())).isTrue();
        assertThat(subscription.check().state()).isEqualTo(Subscription.State.OK);
    }

    @Test
    @DisplayName("connect adopts an active webhook of the same name already pointing here, and refuses one pointing elsewhere")
    void connectAdoptsOrRefuses() throws Exception {
        OnceHubClient.CreatedWebhook existing = client.createWebhook("oncesync", ENDPOINT + "/webhooks/oncehub", Subscription.EVENTS);
        assertThat(subscription.connect(false)).startsWith("adopted " + existing.webhook().id()).contains("View secret");
        assertThat(hub.webhooks()).hasSize(1);
        Subscription elsewhere = new Subscription(client, SubscriptionStore.inDirectory(dir.resolve("b")), cipher, "oncesync",
                "https://other.example", Clock.systemUTC());
        assertThatThrownBy(() -> elsewhere.connect(false)).isInstanceOf(OnceHubException.class)
                .hasMessageContaining("already exists and points at " + ENDPOINT);
    }

    @Test
    @DisplayName("a rotated secret replaces the webhook; the old secret is accepted during the overlap only")
    void rotationOverlap() throws Exception {
        subscription.connect(false);
        String old = hub.webhooks().get(0).secret();
        WebhookInfo rotated = subscription.rotateSecret();
        assertThat(hub.webhooks()).extracting(Webhook::id).containsExactly(rotated.id());
        String fresh = hub.webhooks().get(0).secret();
        assertThat(accepts(secrets(Duration.ofDays(3)), old)).isTrue();
        assertThat(accepts(secrets(Duration.ofDays(3)), fresh)).isTrue();
        assertThat(accepts(secrets(Duration.ZERO), old)).isFalse();
        assertThat(accepts(secrets(Duration.ZERO), fresh)).isTrue();
    }

    @Test
    @DisplayName("the watcher's check names a deleted, a disabled and a misdirected subscription")
    void checkStates() throws Exception {
        subscription.connect(false);
        String id = hub.webhooks().get(0).id();
        hub.disableWebhook(id, "test");
        assertThat(subscription.check().state()).isEqualTo(Subscription.State.DISABLED);
        WebhookInfo again = subscription.repair(subscription.check());
        assertThat(again.id()).isNotEqualTo(id);
        Subscription moved = new Subscription(client, store, cipher, "oncesync", "https://new.example", Clock.systemUTC());
        assertThat(moved.check().state()).isEqualTo(Subscription.State.ELSEWHERE);
        hub.deleteWebhook(again.id());
        assertThat(subscription.check().state()).isEqualTo(Subscription.State.MISSING);
        assertThat(subscription.disconnect()).isTrue();
        assertThat(subscription.check().detail()).isEqualTo("no subscription yet");
    }

    @Test
    @DisplayName("a refused key is named without the key; 5xx and 429 are retried; booking calendars are listed")
    void clientErrorsAndRetries() throws Exception {
        OnceHubClient wrong = new OnceHubClient(hub.apiUrl(), () -> Secret.of("sk-wrong-key-123"), 50);
        assertThatThrownBy(wrong::webhooks).isInstanceOf(OnceHubException.class)
                .hasMessageStartingWith("OnceHub refused the API key").hasMessageNotContaining("sk-wrong-key-123");
        assertThat(wrong.toString()).doesNotContain("sk-wrong-key-123");
        hub.faults().api5xxNext(2);
        assertThat(client.list()).extracting(BookingCalendar::name).contains("Customer Support");
        hub.faults().api429Next(1, 1);
        long before = client.calls();
        assertThat(client.webhooks()).isEmpty();
        assertThat(client.calls() - before).isEqualTo(2);
        hub.faults().api5xxNext(OnceHubClient.MAX_ATTEMPTS);
        assertThatThrownBy(client::webhooks).isInstanceOf(OnceHubException.class).hasMessageContaining("HTTP 500")
                .hasMessageContaining("after " + OnceHubClient.MAX_ATTEMPTS + " attempts");
    }
}
