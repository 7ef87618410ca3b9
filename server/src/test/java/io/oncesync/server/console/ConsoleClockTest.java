package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.app.Harness;
import io.oncesync.server.app.RouteModules;
import io.oncesync.server.inbox.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the console keeps the application's time")
class ConsoleClockTest {

    @Test
    @DisplayName("a session ends after the idle time has passed on the application's clock, whatever the wall clock says")
    void sessionExpiryFollowsTheAppClock() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (Harness h = Harness.start(Harness.testOptions().withClock(clock)
                .withModules(RouteModules.installed()), Map.of())) {
            ConsoleClient c = new ConsoleClient(h.url());
            assertThat(c.signIn(Harness.ADMIN_TOKEN).statusCode()).isEqualTo(200);
            clock.advance(ConsoleModule.IDLE.minus(Duration.ofMinutes(1)));
            assertThat(c.get("/console/api/session").statusCode()).as("used within the idle time").isEqualTo(200);
            clock.advance(ConsoleModule.IDLE.plus(Duration.ofMinutes(1)));
            assertThat(c.get("/console/api/session").statusCode()).as("idle longer than the idle time").isEqualTo(401);
        }
    }
}
