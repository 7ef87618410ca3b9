package io.oncesync.server.oncehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.oncesync.server.config.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The OnceHub client and what OnceHub's answers say about where to go and how long to wait")
class OnceHubClientEdgesTest {
    private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
    private HttpServer api;
    private HttpServer elsewhere;
    private final AtomicReference<String> link = new AtomicReference<>();
    private final AtomicInteger elsewhereCalls = new AtomicInteger();
    private final AtomicReference<String> keySeenElsewhere = new AtomicReference<>();

    private OnceHubClient start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v2/bookings", x -> {
            byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            if (link.get() != null) {
                x.getResponseHeaders().add("Link", link.get());
            }
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        api.start();
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", x -> {
            elsewhereCalls.incrementAndGet();
            keySeenElsewhere.set(x.getRequestHeaders().getFirst("API-Key"));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        elsewhere.start();
        return new OnceHubClient("http://127.0.0.1:" + api.getAddress().getPort() + "/v2",
                () -> Secret.of("api-key-that-must-stay-home"), 100, Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.stop(0);
            elsewhere.stop(0);
        }
    }

    @Test
    @DisplayName("a next page on another host or port is refused, naming it, and the API key is never sent there")
    void nextPageElsewhereIsNotFollowed() throws Exception {
        OnceHubClient client = start();
        link.set("<http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/v2/bookings?page=2>; rel=\"next\"");
        assertThatThrownBy(() -> client.bookingsUpdatedAfter(T0, 100))
                .isInstanceOf(OnceHubException.class)
                .hasMessageContaining("outside its API").hasMessageContaining(":" + elsewhere.getAddress().getPort())
                .hasMessageNotContaining("api-key-that-must-stay-home");
        link.set("<https://127.0.0.1:" + api.getAddress().getPort() + "/v2/bookings?page=2>; rel=\"next\"");
        assertThatThrownBy(() -> client.bookingsUpdatedAfter(T0, 100)).hasMessageContaining("outside its API");
        assertThat(elsewhereCalls.get()).isZero();
        assertThat(keySeenElsewhere.get()).isNull();
    }

    @Test
    @DisplayName("a relative next page resolves against the API; one that is not a URL is a clear error")
    void relativeAndMalformedNextPages() throws Exception {
        OnceHubClient client = start();
        link.set("</v2/bookings?page=2&limit=100>; rel=\"next\"");
        assertThat(client.bookingsUpdatedAfter(T0, 100).next()).contains(
                URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/v2/bookings?page=2&limit=100"));
        link.set("<http://[not a host/v2/bookings>; rel=\"next\"");
        assertThatThrownBy(() -> client.bookingsUpdatedAfter(T0, 100))
                .isInstanceOf(OnceHubException.class).hasMessageContaining("not a URL");
        link.set("<https://api.example/v2/bookings?page=9>; rel=\"prev\"");
        assertThat(client.bookingsUpdatedAfter(T0, 100).next()).isEmpty();
    }

    @Test
    @DisplayName("Retry-After in seconds or as an HTTP date is honoured up to five minutes; more, or past, or unreadable is bounded")
    void retryAfterIsBounded() {
        assertThat(OnceHubClient.retryAfter("120", T0)).contains(Duration.ofSeconds(120));
        assertThat(OnceHubClient.retryAfter(" 0 ", T0)).contains(Duration.ZERO);
        assertThat(OnceHubClient.retryAfter("99999999999", T0)).contains(OnceHubClient.MAX_RETRY_AFTER);
        assertThat(OnceHubClient.retryAfter("9".repeat(40), T0)).contains(OnceHubClient.MAX_RETRY_AFTER);
        String inThirty = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertThat(OnceHubClient.retryAfter(inThirty, T0)).contains(Duration.ofSeconds(30));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.minusSeconds(30).atOffset(ZoneOffset.UTC));
        assertThat(OnceHubClient.retryAfter(past, T0)).contains(Duration.ZERO);
        String nextYear = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plus(Duration.ofDays(365)).atOffset(ZoneOffset.UTC));
        assertThat(OnceHubClient.retryAfter(nextYear, T0)).contains(OnceHubClient.MAX_RETRY_AFTER);
        assertThat(OnceHubClient.retryAfter("-5", T0)).isEqualTo(Optional.empty());
        assertThat(OnceHubClient.retryAfter("soon", T0)).isEmpty();
        assertThat(OnceHubClient.retryAfter(null, T0)).isEmpty();
    }
}
