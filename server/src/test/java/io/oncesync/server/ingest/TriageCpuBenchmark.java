package io.oncesync.server.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A main, not a test: the event-loop CPU of each step of accepting one webhook (UTF-8 check, signature check,
 * triage), measured as this thread's CPU time so other load on the machine does not inflate it much.
 * Run: java -cp ... io.oncesync.server.ingest.TriageCpuBenchmark [iterations]
 */
public final class TriageCpuBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final WebhookSecret SECRET = new WebhookSecret("benchmark-secret-0123456789");

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        byte[][] bodies = new byte[1024][];
        String[] headers = new String[bodies.length];
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = body("bench-" + i, i);
            headers[i] = SignatureVerifier.sign(SECRET, now, bodies[i]);
        }
        SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET), Duration.ofMinutes(5), Clock.systemUTC());
        EngineTriage triage = new EngineTriage(Clock.systemUTC());
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d%n", round);
            measure("JDK decoder UTF-8 check", iterations, i -> jdkDecode(bodies[i & 1023]));
            measure("Utf8.firstError", iterations, i -> Utf8.firstError(bodies[i & 1023]).isPresent() ? 1 : 0);
            measure("signature check", iterations, i -> verifier.verify(headers[i & 1023], bodies[i & 1023]).hashCode());
            measure("triage", iterations, i -> triage.triage(bodies[i & 1023]).hashCode());
        }
    }

    interface Step {
        int run(int i);
    }

    private static void measure(String name, int iterations, Step step) {
        int sink = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            sink += step.run(i);
        }
        double micros = (THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / iterations;
        System.out.printf("  %-26s %7.2f us/webhook  (%d)%n", name, micros, sink & 1);
    }

    private static int jdkDecode(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(4096);
        return decoder.decode(ByteBuffer.wrap(bytes), out, true).isError() ? 1 : 0;
    }

    /**
     * A compact booking event like OnceHub's; each one a different booking and guest, so nothing is serialised.
     * {@link IngestBenchmark} sends the same bodies.
     */
    static byte[] body(String eventId, long n) {
        String now = Instant.now().toString();
        return ("{\"id\":\"EVNT-" + eventId + "\",\"object\":\"event\",\"creation_time\":\"" + now
                + "\",\"type\":\"booking.scheduled\",\"api_version\":\"v2\",\"data\":{\"object\":\"booking\",\"id\":\"BKNG-"
                + eventId + "\",\"tracking_id\":\"T" + n + "\",\"subject\":\"Intro call\",\"status\":\"scheduled\","
                + "\"in_trash\":false,\"creation_time\":\"" + now + "\",\"starting_time\":\"2026-12-01T15:00:00Z\","
                + "\"customer_timezone\":\"Europe/Berlin\",\"last_updated_time\":\"" + now + "\",\"owner\":\"USR-1\","
                + "\"duration_minutes\":30,\"virtual_conferencing\":{\"join_url\":\"https://meet.example.org/x\"},"
                + "\"location_description\":null,\"rescheduled_booking_id\":null,\"cancel_reschedule_information\":null,"
                + "\"attendees\":[\"host@example.org\",\"guest" + n + "@example.org\"],"
                + "\"form_submission\":{\"name\":\"Guest " + n + "\",\"email\":\"guest" + n + "@example.org\","
                + "\"phone\":\"+1 312 555 0148\",\"mobile_phone\":null,\"note\":\"Looking forward\",\"company\":\"Acme\","
                + "\"guests\":[],\"custom_fields\":[{\"name\":\"Title\",\"value\":\"CTO\"}]},\"booking_page\":null,"
                + "\"master_page\":null,\"event_type\":null,\"conversation\":null,\"external_calendar\":null,"
                + "\"booking_calendar\":\"BKC-1\",\"payment_information\":null,\"custom_fields\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private TriageCpuBenchmark() {
    }
}
