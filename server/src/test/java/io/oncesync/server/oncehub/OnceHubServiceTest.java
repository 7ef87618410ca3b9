package io.oncesync.server.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oncesync.localoncehub.LocalOnceHub;
import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The OnceHub service's readiness")
class OnceHubServiceTest {
    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @DisplayName("goes down when reconciliation has failed for more than three poll intervals, and up once a poll works")
    void failingReconciliation() throws Exception {
        MovableClock clock = new MovableClock();
        try (LocalOnceHub hub = LocalOnceHub.builder().port(0).allowInsecureLocalUrls(true).rateLimits(0, 0).start();
             InboxDatabase db = InboxDatabase.sqlite(dir, InboxOptions.defaults())) {
            OnceHubClient client = new OnceHubClient(hub.apiUrl(), () -> Secret.of(hub.apiKey()), 100, Duration.ofMillis(1));
            TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(new SecureRandom())), new SecureRandom());
            SubscriptionStore store = SubscriptionStore.inDirectory(dir);
            OnceHubService service = new OnceHubService(
                    new Subscription(client, store, cipher, "oncesync", "http://127.0.0.1:8080", clock),
                    new Reconciler(client, db.inbox(), db.ledger(), db.watermarks(), new EngineTriage(clock), clock),
                    new ManagedSecrets(List.of(), store, cipher, Duration.ofDays(3), clock), client,
                    new SimpleMeterRegistry(), clock);
            assertThat(service.watch().state()).isEqualTo(Subscription.State.MISSING);
            assertThat(service.readiness().up()).as(service.readiness().detail()).isTrue();
            service.poll();

            hub.faults().api5xxNext(1_000);
            service.poll();
            assertThat(service.readiness().up()).as("within three poll intervals").isTrue();
            clock.now = clock.now.plus(Duration.ofMinutes(46));
            assertThat(service.readiness().up()).isFalse();
            assertThat(service.readiness().detail()).contains("reconciliation failing since").contains("HTTP 500");

            hub.faults().clear();
            service.poll();
            assertThat(service.readiness().up()).isTrue();
            service.close();
        }
    }
}
