package io.oncesync.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    @DisplayName("The ceiling doubles with each attempt until it reaches the maximum")
    void ceilingDoubles() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(4_000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(32_000);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(60_000);
        assertThat(backoff.ceilingMillis(1_000)).isEqualTo(60_000);
    }

    @Test
    @DisplayName("Each delay lies between half the ceiling and the ceiling, and delays differ (jitter)")
    void jitterStaysInBounds() {
        Random random = new Random(42);
        long distinct = java.util.stream.IntStream.range(0, 200).mapToLong(i -> {
            long d = backoff.delay(3, random).toMillis();
            assertThat(d).isBetween(4_000L, 8_000L);
            return d;
        }).distinct().count();
        assertThat(distinct).isGreaterThan(100);
    }

    @Test
    @DisplayName("A base that is not positive or a maximum below the base is refused with the values named")
    void invalidSettings() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("backoff base must be positive, was PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessage("backoff max PT1S is below its base PT10S");
    }
}
