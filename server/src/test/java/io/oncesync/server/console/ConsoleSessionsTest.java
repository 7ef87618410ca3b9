package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oncesync.server.config.Secret;
import io.oncesync.server.inbox.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("console sessions and sign-in")
class ConsoleSessionsTest {

    @Test
    @DisplayName("a session ends after the idle time without a request; each request restarts the timer")
    void idleExpiry() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
        ConsoleSessions.Session s = sessions.open("console:admin");
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(s.id())).contains(s);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(s.id())).contains(s);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.touch(s.id())).isEmpty();
        assertThat(sessions.touch(s.id())).isEmpty();
    }

    @Test
    @DisplayName("ids and CSRF tokens are distinct random values, checked exactly, and never shown by toString")
    void tokens() {
        ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(5), new MutableClock(Instant.EPOCH));
        ConsoleSessions.Session a = sessions.open("console:admin");
        ConsoleSessions.Session b = sessions.open("console:admin");
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSize(43);
        assertThat(a.csrfMatches(a.csrf())).isTrue();
        assertThat(a.csrfMatches(b.csrf())).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrf()).contains("console:admin");
        sessions.close(a.id());
        assertThat(sessions.touch(a.id())).isEmpty();
        assertThat(sessions.touch(null)).isEmpty();
        assertThatThrownBy(() -> new ConsoleSessions(Duration.ZERO, new MutableClock(Instant.EPOCH)))
                .hasMessageContaining("positive");
    }

    @Test
    @DisplayName("ten failed sign-ins from one address block it for five minutes; a success clears its count")
    void throttle() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            t.failed("10.0.0.5");
        }
        assertThat(t.blocked("10.0.0.5")).isFalse();
        t.failed("10.0.0.5");
        assertThat(t.blocked("10.0.0.5")).isTrue();
        assertThat(t.blocked("10.0.0.6")).isFalse();
        clock.advance(SignInThrottle.WINDOW.plusSeconds(1));
        assertThat(t.blocked("10.0.0.5")).isFalse();
        t.failed("10.0.0.6");
        t.succeeded("10.0.0.6");
        assertThat(t.blocked("10.0.0.6")).isFalse();
    }

    @Test
    @DisplayName("the admin-token authenticator accepts only the exact token")
    void adminToken() {
        AdminTokenAuthenticator a = new AdminTokenAuthenticator(Secret.of("s3cret-token"));
        assertThat(a.authenticate(new JsonObject().put("token", "s3cret-token"))).contains("console:admin");
        assertThat(a.authenticate(new JsonObject().put("token", "s3cret-toke"))).isEmpty();
        assertThat(a.authenticate(new JsonObject().put("token", 42))).isEmpty();
        assertThat(a.authenticate(new JsonObject())).isEmpty();
        assertThat(a.authenticate(null)).isEmpty();
        assertThat(new AdminTokenAuthenticator(Secret.of("")).authenticate(new JsonObject().put("token", ""))).isEmpty();
    }
}
