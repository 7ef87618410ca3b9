package io.oncesync.server.work;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostgresWorkerPoolsTest {
    private static final WorkerSettings SETTINGS = new WorkerSettings(5, 2, Duration.ofMinutes(5), 3,
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), Duration.ofMillis(50), Duration.ofSeconds(10));

    @Test
    @DisplayName("Two instances on one PostgreSQL database process every event exactly once, one per key at a time")
    void twoInstancesShareTheWork() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource shared = postgres.getPostgresDatabase();
            InboxDatabase first = InboxDatabase.postgres(shared, InboxOptions.defaults());
            InboxDatabase second = InboxDatabase.postgres(shared, InboxOptions.defaults());
            try {
                run(first, second);
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private void run(InboxDatabase first, InboxDatabase second) throws Exception {
        int events = 120;
        List<CompletableFuture<?>> admitted = new java.util.ArrayList<>();
        for (int i = 0; i < events; i++) {
            admitted.add((i % 2 == 0 ? first : second).inbox().admit(incoming("EVNT-" + i, "BKNG-" + (i % 25),
                    "email:g" + (i % 15) + "@x.org", T0.plusSeconds(i))));
        }
        CompletableFuture.allOf(admitted.toArray(new CompletableFuture<?>[0])).join();

        RecordingProcessor shared = new RecordingProcessor();
        shared.expect(events);
        AtomicInteger byFirst = new AtomicInteger();
        AtomicInteger bySecond = new AtomicInteger();
        CountDownLatch secondWorked = new CountDownLatch(1);
        // The first instance holds its first batch until the second has processed one, so both must take part.
        WorkerPool one = new WorkerPool(first.inbox(), counting(shared, byFirst, batch -> {
            awaitQuietly(secondWorked);
            return null;
        }), SETTINGS, Clock.systemUTC(), new Random(1));
        WorkerPool two = new WorkerPool(second.inbox(), counting(shared, bySecond, batch -> {
            secondWorked.countDown();
            return null;
        }), SETTINGS, Clock.systemUTC(), new Random(2));
        one.start();
        two.start();
        assertThat(shared.awaitEvents()).isTrue();
        one.close();
        two.close();

        assertThat(shared.overlaps).hasValue(0);
        Map<String, Long> timesSeen = shared.seen.stream()
                .collect(Collectors.groupingBy(InboxEvent::eventId, Collectors.counting()));
        assertThat(timesSeen).hasSize(events);
        assertThat(timesSeen.values()).containsOnly(1L);
        assertThat(byFirst.get()).isPositive();
        assertThat(bySecond.get()).isPositive();
        assertThat(first.inbox().countByStatus()).containsEntry(InboxStatus.APPLIED, (long) events);
    }

    private static EventProcessor counting(RecordingProcessor shared, AtomicInteger counter,
                                           Function<List<InboxEvent>, Void> before) {
        return batch -> {
            before.apply(batch);
            counter.addAndGet(batch.size());
            return shared.process(batch);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
