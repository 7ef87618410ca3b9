package io.oncesync.server.app;

import io.oncesync.localorg.SoapTraffic;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.sync.SyncPipeline;
import io.oncesync.server.work.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Sequential Salesforce round trips of one booking through the real {@link SyncPipeline}: the local org answers
 * every call after a fixed latency, so a booking's time over that latency is the number of round trips it waited
 * for, one after another (calls side by side count once). Not a test: run it with
 * {@code mvn -q -o -pl server -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.oncesync.server.app.RoundTripBenchmark [-Dexec.args=300]} (latency in ms, default 300).
 */
public final class RoundTripBenchmark {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static int sequence;

    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 300);
        try (Harness h = Harness.start()) {
            SyncPipeline pipeline = new SyncPipeline(h.app.policies(), h.app.gateway(), h.app.ledger(), PausePolicy.DEFAULT,
                    Clock.systemUTC(), new SyncMetrics());
            run(h, pipeline, "warm-up: first booking of the session (describe included)", "warm.up@rt.example", 1, false);
            h.org.faults().latency(latency);
            System.out.println("latency " + latency.toMillis() + " ms per call");
            System.out.println("booking | Salesforce calls | time | round trips (time / latency)");
            System.out.println("---|---|---|---");
            for (int i = 0; i < 3; i++) {
                report(latency, run(h, pipeline, "new guest", "new" + i + "@rt.example", 1, false));
                report(latency, run(h, pipeline, "known guest, first try", "new" + i + "@rt.example", 1, false));
                report(latency, run(h, pipeline, "known guest, tried before (crash-safety query)", "new" + i + "@rt.example", 2, true));
            }
        }
    }

    private record Run(String name, long calls, long nanos) {
    }

    private static Run run(Harness h, SyncPipeline pipeline, String name, String email, int attempt, boolean tried) {
        int n = ++sequence;
        String eventId = "EVNT-RT" + n;
        String booking = "BKNG-RT" + n;
        byte[] body = Payloads.booking(eventId, "booking.scheduled", booking, email, "Round", "Trip" + n, T0,
                T0.plus(Duration.ofDays(n)));
        InboxEvent event = new InboxEvent(n, eventId, "booking.scheduled", booking, email, T0, T0, Instant.now(), attempt,
                body, tried);
        SoapTraffic.Reading before = h.org.traffic().read();
        long start = System.nanoTime();
        Outcome outcome = pipeline.process(List.of(event)).get((long) n);
        long nanos = System.nanoTime() - start;
        if (!(outcome instanceof Outcome.Applied)) {
            throw new IllegalStateException(name + ": " + outcome);
        }
        return new Run(name, h.org.traffic().read().minus(before).calls(), nanos);
    }

    private static void report(Duration latency, Run r) {
        System.out.printf(Locale.ROOT, "%s | %d | %d ms | %.1f%n", r.name(), r.calls(), r.nanos() / 1_000_000,
                r.nanos() / (double) latency.toNanos());
    }
}
