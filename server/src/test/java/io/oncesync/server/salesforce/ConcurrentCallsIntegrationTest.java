package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.connect.OAuthClient;
import io.oncesync.server.salesforce.connect.OAuthException;
import io.oncesync.server.salesforce.connect.TokenSource;
import io.oncesync.server.salesforce.lookup.PersonQuery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Many threads calling one org through one client: connections, call slots and session renewal under load. */
@DisplayName("Concurrent Salesforce calls")
class ConcurrentCallsIntegrationTest {
    private static final int THREADS = 12;
    private OrgFixture fx;
    private OAuthClient oauth;
    private final AtomicInteger renewals = new AtomicInteger();

    @BeforeEach
    void start() {
        fx = OrgFixture.start();
        oauth = new OAuthClient(fx.settings, fx.http, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private SalesforceClient client(int maxConcurrentCalls, TokenSource renewal) throws OAuthException {
        TokenSource counted = () -> {
            renewals.incrementAndGet();
            return renewal.renew();
        };
        return SalesforceClient.open(oauth.clientCredentials(), counted, PausePolicy.DEFAULT, Clock.systemUTC(),
                maxConcurrentCalls);
    }

    /** Runs {@code call} on {@link #THREADS} threads released together; returns each result or thrown exception. */
    private static List<Object> together(Callable<Object> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("12 threads share one client: calls overlap in the org, never more than the configured 4 at once")
    void callsOverlapUpToTheLimit() throws Exception {
        SalesforceClient client = client(4, TokenSource.clientCredentials(oauth));
        fx.org.faults().latency(Duration.ofMillis(400));
        fx.org.traffic().resetPeak();
        List<Object> answers = together(() -> client.userInfo().getUserName());
        assertThat(answers).containsOnly(fx.org.adminUsername());
        assertThat(fx.org.traffic().read().peakInFlight()).isBetween(2, 4);
        assertThat(client.usage().callsMade()).isEqualTo(THREADS);
        assertThat(client.callsInFlight()).isZero();
    }

    @Test
    @DisplayName("a session that expires under 12 concurrent calls is renewed once for all, and every call is retried and succeeds")
    void singleFlightRenewal() throws Exception {
        SalesforceClient client = client(6, TokenSource.clientCredentials(oauth));
        fx.org.faults().latency(Duration.ofMillis(200));
        client.userInfo();
        fx.org.faults().expireAllSessions();
        List<Object> answers = together(() -> client.userInfo().getUserName());
        assertThat(answers).containsOnly(fx.org.adminUsername());
        assertThat(renewals).as("token requests").hasValue(1);
        assertThat(client.state()).isEqualTo(SalesforceClient.State.ACTIVE);
    }

    @Test
    @DisplayName("a refused renewal under 12 concurrent calls asks Salesforce once and tells every caller to reconnect")
    void refusedRenewalFailsEveryCallerOnce() throws Exception {
        SalesforceClient client = client(6, () -> {
            throw new OAuthException("invalid_grant", "expired access/refresh token", 400, null);
        });
        fx.org.faults().latency(Duration.ofMillis(200));
        client.userInfo();
        fx.org.faults().expireAllSessions();
        List<Object> answers = together(() -> client.userInfo().getUserName());
        assertThat(answers).allSatisfy(a -> assertThat(a).isInstanceOf(SalesforceUnavailable.ReconnectNeeded.class));
        assertThat(renewals).as("token requests").hasValue(1);
        assertThat(client.state()).isEqualTo(SalesforceClient.State.RECONNECT_NEEDED);
    }

    @Test
    @DisplayName("a lookup by email and phone sends its Lead, Contact and phone searches side by side")
    void lookupInOneRoundTrip() throws Exception {
        OrgSession session = fx.adminSession();
        session.schema().current();
        fx.org.faults().latency(Duration.ofMillis(500));
        fx.org.traffic().resetPeak();
        long before = fx.org.apiCallsUsed();
        session.lookup().find(new PersonQuery(java.util.Set.of("ada@example.org"), java.util.Set.of("+1 415 555 0100"),
                java.util.Set.of(), java.util.Map.of("Lead", java.util.Set.of(), "Contact", java.util.Set.of())));
        assertThat(fx.org.apiCallsUsed() - before).as("Lead SOQL, Contact SOQL, phone SOSL").isEqualTo(3);
        assertThat(fx.org.traffic().read().peakInFlight()).as("held in the org at once").isGreaterThanOrEqualTo(2);
    }
}
