package io.oncesync.server.ingest;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.booking;
import static io.oncesync.server.inbox.TestEvents.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.work.RecordingProcessor;
import io.oncesync.server.work.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unauthenticated memory-exhaustion attack against the real HTTP server, scaled to the test heap: many
 * connections each declaring and sending about 1 MB with a made-up signature and then stalling, and slow bodies
 * trickling a byte at a time. The server must keep buffered bytes under its budget, answer /health throughout, close
 * the stalled connections by itself and take a genuine webhook afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IntakeAttackTest {
    private static final WebhookSecret SECRET = new WebhookSecret("whsec-attack-0123456789");
    private static final int BODY_LIMIT = 1024 * 1024;
    private static final long BUDGET = 8L * 1024 * 1024;
    private static final String ZEROS = "0".repeat(64);

    @TempDir
    Path dataDir;
    InboxDatabase db;
    IngestServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private void start(HttpLimits limits) {
        db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults());
        server = IngestServer.start(IngestServer.Settings.of(WebhookSettings.of(SECRET).withBodyLimit(BODY_LIMIT))
                .withWorkers(WorkerSettings.defaults().withBatchSize(10).withParallelBatches(1))
                .withEventLoops(2).withLimits(limits), db, new RecordingProcessor());
        server.router().get("/health").handler(ctx -> ctx.end("{\"status\":\"up\"}"));
    }

    private static HttpLimits limits() {
        return HttpLimits.defaults().withMaxInflightBytes(BUDGET).withRequestTimeout(Duration.ofSeconds(3))
                .withIdleTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @DisplayName("300 connections sending ~1 MB each under a fake signature, then stalling: bounded memory, /health up, recovery")
    void stalledMegabyteBodies() throws Exception {
        start(limits());
        int attackers = 300;
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicLong peakBudget = new AtomicLong();
        AtomicLong peakHeap = new AtomicLong();
        HealthProbe health = new HealthProbe();
        Thread watcher = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (attacking.get()) {
                peakBudget.accumulateAndGet(server.inflight().used(), Math::max);
                peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                sleep(20);
            }
        });
        watcher.start();
        health.start();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            sent.add(pool.submit(() -> {
                Socket s = new Socket("127.0.0.1", server.port());
                sockets.add(s);
                OutputStream out = s.getOutputStream();
                out.write(headers(1_048_000, "t=" + Instant.now().getEpochSecond() + ",s=" + ZEROS));
                int written = 0;
                try {
                    while (written < 1_040_000) {
                        int n = Math.min(chunk.length, 1_040_000 - written);
                        out.write(chunk, 0, n);
                        written += n;
                    }
                    out.flush();
                } catch (IOException closedByServer) {
                    // the server may close a connection it refused: fine
                }
                return null; // and then the attacker stalls, never sending the last 8,000 bytes
            }));
        }
        for (Future<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // Every stalled connection is answered and closed by the server once the request timeout passes.
        int answered = 0;
        int closed = 0;
        List<String> statuses = new ArrayList<>();
        for (Socket s : sockets) {
            Reply reply = readReply(s, Duration.ofSeconds(20));
            if (reply.status() > 0) {
                answered++;
                statuses.add(String.valueOf(reply.status()));
            }
            if (reply.closed()) {
                closed++;
            }
        }
        attacking.set(false);
        watcher.join();
        health.stop();
        sockets.forEach(IntakeAttackTest::closeQuietly);
        System.out.printf("attack: %d connections, answers %s, closed by server %d; peak buffered %d bytes of %d;"
                        + " peak heap %d MB; /health %d ok, %d failed, slowest %d ms%n", attackers,
                statuses.stream().collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting())),
                closed, peakBudget.get(), BUDGET, peakHeap.get() / (1024 * 1024), health.ok.get(), health.failed.get(),
                health.slowestMillis.get());

        assertThat(peakBudget.get()).as("bytes buffered never exceed the budget").isLessThanOrEqualTo(BUDGET);
        assertThat(health.failed.get()).as("/health answered throughout").isZero();
        assertThat(health.ok.get()).isPositive();
        assertThat(statuses).as("every refusal is 503 (budget) or 408 (stalled body)").allMatch(s -> s.equals("503") || s.equals("408"));
        assertThat(statuses).contains("503", "408");
        assertThat(answered).isEqualTo(attackers);
        assertThat(closed).as("the server closes every stalled connection by itself").isEqualTo(attackers);
        awaitRecovered();
        byte[] body = bytes(booking("EVNT-after", "booking.scheduled", "BKNG-after", "after@x.org", T0));
        HttpResponse<String> genuine = http.send(HttpRequest.newBuilder(uri("/webhooks/oncehub"))
                .header("Oncehub-Signature", SignatureVerifier.sign(SECRET, Instant.now().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Slow bodies (a byte every 500 ms on 50 connections) get 408 and are closed; /health stays up")
    void slowBodies() throws Exception {
        start(limits());
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket s = new Socket("127.0.0.1", server.port());
            s.getOutputStream().write(headers(1000, "t=" + Instant.now().getEpochSecond() + ",s=" + ZEROS));
            sockets.add(s);
        }
        HealthProbe health = new HealthProbe();
        health.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int open = sockets.size();
        boolean[] gone = new boolean[sockets.size()];
        while (open > 0 && System.nanoTime() < deadline) {
            for (int i = 0; i < sockets.size(); i++) {
                if (!gone[i]) {
                    try {
                        sockets.get(i).getOutputStream().write('x');
                    } catch (IOException e) {
                        gone[i] = true;
                        open--;
                    }
                }
            }
            sleep(500);
        }
        int timedOut = 0;
        for (Socket s : sockets) {
            Reply r = readReply(s, Duration.ofSeconds(5));
            if (r.status() == 408 && r.closed()) {
                timedOut++;
            }
            closeQuietly(s);
        }
        health.stop();
        assertThat(timedOut).as("every slow body got 408 and its connection was closed").isEqualTo(50);
        assertThat(health.failed.get()).isZero();
        awaitRecovered();
    }

    @Test
    @DisplayName("A stale or missing signature and an oversized Content-Length are refused before any body byte is sent")
    void refusedBeforeTheBody() throws Exception {
        start(limits());
        long stale = Instant.now().minus(Duration.ofDays(5)).getEpochSecond();
        assertThat(headersOnly(1_000_000, "t=" + stale + ",s=" + ZEROS).status()).isEqualTo(401);
        assertThat(headersOnly(1_000_000, null).status()).isEqualTo(401);
        assertThat(headersOnly(50_000_000, "t=" + Instant.now().getEpochSecond() + ",s=" + ZEROS).status()).isEqualTo(413);
        assertThat(server.inflight().used()).isZero();
    }

    @Test
    @DisplayName("Connections beyond the cap are closed as they arrive; the server serves again once they go")
    void connectionCap() throws Exception {
        start(limits().withMaxConnections(20).withIdleTimeout(Duration.ofSeconds(60)));
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sockets.add(new Socket("127.0.0.1", server.port()));
        }
        sleep(1000);
        int refused = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(100);
            try {
                if (s.getInputStream().read() == -1) {
                    refused++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // within the cap
            } catch (IOException reset) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(20);
        sockets.forEach(IntakeAttackTest::closeQuietly);
        awaitRecovered();
        assertThat(http.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    // ---- helpers

    private Reply headersOnly(long contentLength, String signature) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(headers(contentLength, signature));
            return readReply(s, Duration.ofSeconds(10));
        }
    }

    private void awaitRecovered() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((server.inflight().used() > 0 || server.openConnections() > 2) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(server.inflight().used()).as("every buffered byte given back").isZero();
        assertThat(server.openConnections()).as("attack connections gone").isLessThanOrEqualTo(2);
    }

    private byte[] headers(long contentLength, String signature) {
        return ("POST /webhooks/oncehub HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (signature == null ? "" : "Oncehub-Signature: " + signature + "\r\n")
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The status of the first response on {@code s} (0 if none) and whether the server closed the connection. */
    record Reply(int status, boolean closed) {
    }

    private static Reply readReply(Socket s, Duration wait) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean closed = false;
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            s.setSoTimeout(250);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (System.nanoTime() < deadline) {
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    got.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
        } catch (IOException reset) {
            closed = true;
        }
        String text = got.toString(StandardCharsets.ISO_8859_1);
        int status = text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
        return new Reply(status, closed);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls /health every 100 ms on a fresh connection each time, counting answers and failures. */
    private final class HealthProbe {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try (Socket s = new Socket("127.0.0.1", server.port())) {
                        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        Reply r = readReply(s, Duration.ofSeconds(5));
                        if (r.status() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                    slowestMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    sleep(100);
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
