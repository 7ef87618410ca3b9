package io.oncesync.server.app;

import io.oncesync.server.demo.WebhookClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.WebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad and hostile input through the real HTTP endpoint, while the server keeps syncing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("End to end, hostile input")
class HostileInputEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
    private Harness h;
    private PartnerConnection sf;

    @BeforeAll
    void start() throws Exception {
        h = Harness.start();
        sf = h.sf();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private byte[] booking(String tag, String email, String first, String last) {
        return Payloads.booking("EVNT-" + tag, "booking.scheduled", "BKNG-" + tag, email, first, last, T0,
                T0.plus(Duration.ofDays(4)));
    }

    private String sign(byte[] body) {
        return SignatureVerifier.sign(new WebhookSecret(Harness.SECRET), Instant.now().getEpochSecond(), body);
    }

    @Test
    @DisplayName("truncated JSON gets 400 problem JSON")
    void truncatedJson() throws Exception {
        byte[] full = booking("HOST0001", "t@hostile.example", "Tru", "Ncated");
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        WebhookClient.Answer a = h.client.send(cut);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("\"status\":400");
    }

    @Test
    @DisplayName("a field of the wrong type gets 400 naming it")
    void wrongTypes() throws Exception {
        String body = new String(booking("HOST0002", "w@hostile.example", "Wrong", "Types"), StandardCharsets.UTF_8)
                .replaceFirst("\"starting_time\":\"[^\"]*\"", "\"starting_time\":{\"at\":[1,2]}");
        WebhookClient.Answer a = h.client.send(body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("/data/starting_time");
        String notAnObject = "{\"id\":\"EVNT-HOST0002B\",\"type\":\"booking.scheduled\",\"api_version\":\"v2\","
                + "\"creation_time\":\"2026-11-03T10:00:00Z\",\"data\":[]}";
        assertThat(h.client.send(notAnObject.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("signed bodies past the JSON limits (100,000 nested arrays, 5,000 digits, an exponent out of range, a duplicate key) each get 400 naming what, never 500")
    void pastTheJsonLimits() throws Exception {
        String envelope = "{\"id\":\"EVNT-HOST0091\",\"type\":\"booking.scheduled\",\"api_version\":\"v2\","
                + "\"creation_time\":\"2026-11-03T10:00:00Z\",\"data\":";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("[".repeat(100_000) + "]".repeat(100_000), "nesting depth");
        bodies.put(envelope + "{\"n\":" + "9".repeat(5000) + "}}", "Number value length");
        bodies.put(envelope + "{\"n\":73737773E3337377737}}", "number out of range");
        bodies.put(envelope + "{\"n\":1},\"id\":\"EVNT-HOST0092\"}", "Duplicate field 'id'");
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            WebhookClient.Answer a = h.client.send(b.getKey().getBytes(StandardCharsets.UTF_8));
            assertThat(a.status()).as(b.getValue()).isEqualTo(400);
            assertThat(a.body()).as(b.getValue()).contains(b.getValue());
        }
        assertThat(h.app.inbox().findByEventId("EVNT-HOST0091")).as("nothing stored").isEmpty();
        assertThat(h.app.inbox().findByEventId("EVNT-HOST0092")).as("nothing stored").isEmpty();
    }

    @Test
    @DisplayName("invalid UTF-8 gets 400")
    void invalidUtf8() throws Exception {
        byte[] body = booking("HOST0003", "u@hostile.example", "Bad", "Bytes");
        String s = new String(body, StandardCharsets.UTF_8);
        int at = s.indexOf("Bytes");
        byte[] bad = body.clone();
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        assertThat(h.client.send(bad).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a 10 MB body gets 413 and the server stays up")
    void tenMegabytes() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        int status;
        try {
            status = h.client.post(huge, sign(huge)).status();
        } catch (java.io.IOException closedEarly) {
            status = 413; // the server may close the connection after answering 413 before the upload ends
        }
        assertThat(status).isEqualTo(413);
        assertThat(health()).isEqualTo(200);
    }

    @Test
    @DisplayName("a replayed signature: the same delivery again is a 200 duplicate applied once; the signature on another body is 401")
    void replayedSignature() throws Exception {
        byte[] body = booking("HOST0005", "replay@hostile.example", "Re", "Play");
        String signature = sign(body);
        assertThat(h.client.post(body, signature).status()).isEqualTo(200);
        WebhookClient.Answer again = h.client.post(body, signature);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        byte[] other = booking("HOST0006", "replay@hostile.example", "Re", "Played");
        assertThat(h.client.post(other, signature).status()).isEqualTo(401);
        assertThat(h.client.post(body, null).status()).isEqualTo(401);
        h.awaitSettled(List.of("EVNT-HOST0005"), Duration.ofSeconds(30));
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id FROM Lead WHERE Email = 'replay@hostile.example'");
        assertThat(leads).hasSize(1);
        assertThat(Harness.queryAll(sf, "SELECT Id FROM Event WHERE WhoId = '" + leads.get(0).getId() + "'")).hasSize(1);
    }

    @Test
    @DisplayName("SOQL and SOSL metacharacters in names and email are stored as typed and still identify the guest next time")
    void soqlMetacharacters() throws Exception {
        String email = "o'hara+%_test@meta.example";
        String last = "O'Hara\\'OR_Name_LIKE'%'--{*}?";
        byte[] first = booking("HOST0007", email, "Sean\"", last);
        byte[] second = Payloads.booking("EVNT-HOST0008", "booking.scheduled", "BKNG-HOST0008", email, "Sean\"", last,
                T0.plusSeconds(60), T0.plus(Duration.ofDays(5)));
        assertThat(h.client.send(first).status()).isEqualTo(200);
        h.awaitSettled(List.of("EVNT-HOST0007"), Duration.ofSeconds(30));
        assertThat(h.client.send(second).status()).isEqualTo(200);
        Map<String, InboxEntry> entries = h.awaitSettled(List.of("EVNT-HOST0007", "EVNT-HOST0008"), Duration.ofSeconds(30));
        assertThat(entries.values()).extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
        List<SObject> leads = Harness.queryAll(sf, "SELECT Id, FirstName, LastName, Email FROM Lead WHERE Email = 'o\\'hara+%_test@meta.example'");
        assertThat(leads).hasSize(1);
        assertThat(Harness.text(leads.get(0), "LastName")).isEqualTo(last);
        assertThat(Harness.text(leads.get(0), "FirstName")).isEqualTo("Sean\"");
        assertThat(entries.get("EVNT-HOST0008").personId()).isEqualTo(leads.get(0).getId());
    }

    @Test
    @DisplayName("a flood of 10,000 requests (bad signatures, malformed bodies, duplicates) gets 4xx or 200 duplicate, and the server stays up, keeps syncing and keeps its memory bounded")
    void flood() throws Exception {
        byte[] stored = booking("HOST0009", "flood@hostile.example", "Flo", "Od");
        String storedSignature = sign(stored);
        assertThat(h.client.post(stored, storedSignature).status()).isEqualTo(200);
        long heapBefore = usedHeapAfterGc();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = h.client.endpoint();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < 10_000; i += 32) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30));
                        switch (i % 3) {
                            case 0 -> b.header("Oncehub-Signature", "t=1,s=00").POST(HttpRequest.BodyPublishers.ofByteArray(stored));
                            case 1 -> {
                                byte[] junk = ("{\"id\":" + i + ",").getBytes(StandardCharsets.UTF_8);
                                b.header("Oncehub-Signature", sign(junk)).POST(HttpRequest.BodyPublishers.ofByteArray(junk));
                            }
                            default -> b.header("Oncehub-Signature", storedSignature).POST(HttpRequest.BodyPublishers.ofByteArray(stored));
                        }
                        int s = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses.keySet()).containsOnly(200, 400, 401);
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(10_000);
        assertThat(statuses.get(401).get()).isEqualTo(3334);
        assertThat(health()).isEqualTo(200);
        byte[] after = booking("HOST0010", "after.flood@hostile.example", "Af", "Ter");
        assertThat(h.client.send(after).status()).isEqualTo(200);
        assertThat(h.awaitSettled(List.of("EVNT-HOST0009", "EVNT-HOST0010"), Duration.ofSeconds(30)).values())
                .extracting(InboxEntry::status).containsOnly(InboxStatus.APPLIED);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth after the flood, bytes").isLessThan(64L * 1024 * 1024);
    }

    private int health() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
