package io.oncesync.server.ingest;

import static io.oncesync.server.inbox.TestEvents.T0;
import static io.oncesync.server.inbox.TestEvents.booking;
import static io.oncesync.server.inbox.TestEvents.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.http.Problem;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxOptions;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.work.RecordingProcessor;
import io.oncesync.server.work.WorkerSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookHttpTest {
    private static final WebhookSecret SECRET = new WebhookSecret("whsec-test-0123456789");
    private static final long BODY_LIMIT = 16 * 1024;

    @TempDir
    Path dataDir;
    final RecordingProcessor processor = new RecordingProcessor();
    final HttpClient http = HttpClient.newHttpClient();
    InboxDatabase db;
    IngestServer server;

    private void start(WebhookSettings webhook) {
        start(webhook, InboxOptions.defaults());
    }

    private void start(WebhookSettings webhook, InboxOptions inboxOptions) {
        db = InboxDatabase.sqlite(dataDir, inboxOptions);
        server = IngestServer.start(IngestServer.Settings.of(webhook)
                .withWorkers(WorkerSettings.defaults().withBatchSize(10).withParallelBatches(4))
                .withEventLoops(2), db, processor);
    }

    private void start() {
        start(WebhookSettings.of(SECRET).withBodyLimit(BODY_LIMIT));
    }

    /** Stops HTTP and the workers (letting batches finish), so the inbox can be inspected. */
    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @AfterEach
    void tearDown() {
        stop();
        if (db != null) {
            db.close();
        }
    }

    private HttpResponse<String> post(byte[] body, String headerName, String signature) throws Exception {
        return http.send(request(body, headerName, signature), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(byte[] body, String headerName, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + WebhookRoutes.PATH)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            b.header(headerName, signature);
        }
        return b.build();
    }

    private HttpResponse<String> postSigned(byte[] body) throws Exception {
        return post(body, "Oncehub-Signature", signNow(SECRET, body));
    }

    private static String signNow(WebhookSecret secret, byte[] body) {
        return SignatureVerifier.sign(secret, Instant.now().getEpochSecond(), body);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        JsonObject problem = json(response);
        assertThat(problem.getString("type")).isEqualTo("urn:oncesync:problem:" + type);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isEqualTo(detail);
    }

    @Test
    @DisplayName("A signed booking is acknowledged after it is stored, and the workers apply it")
    void signedBookingIsStoredAndApplied() throws Exception {
        start();
        processor.expect(1);
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "Ada@Example.org", T0));
        HttpResponse<String> response = postSigned(body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(new JsonObject().put("eventId", "EVNT-1").put("status", "stored"));
        assertThat(db.inbox().findByEventId("EVNT-1").orElseThrow().rawBody()).isEqualTo(body);

        assertThat(processor.awaitEvents()).isTrue();
        stop();
        InboxEntry entry = db.inbox().findByEventId("EVNT-1").orElseThrow();
        assertThat(entry.status()).isEqualTo(InboxStatus.APPLIED);
        assertThat(entry.bookingId()).isEqualTo("BKNG-1");
        assertThat(entry.guestKey()).isEqualTo("ada@example.org");
    }

    @Test
    @DisplayName("The OnceHub test vector is accepted as sent, pretty-printed body and all")
    void signatureVectorOverHttp() throws Exception {
        start(WebhookSettings.of(SignatureVectors.SECRET).withTolerance(Duration.ofDays(36_500)));
        HttpResponse<String> response = post(SignatureVectors.unicodeBody(), "Oncehub-Signature",
                SignatureVectors.UNICODE_HEADER);
        assertThat(response.statusCode()).isEqualTo(200);
        // one read of all statuses: three reads raced the workers, which move the event from one status to the next
        assertThat(db.inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    @DisplayName("The signature header is found whatever its capitalisation")
    void headerNameIsCaseInsensitive() throws Exception {
        start();
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        assertThat(post(body, "OnceHub-Signature", signNow(SECRET, body)).statusCode()).isEqualTo(200);
        byte[] other = bytes(booking("EVNT-2", "booking.scheduled", "BKNG-2", "a@x.org", T0));
        assertThat(post(other, "ONCEHUB-SIGNATURE", signNow(SECRET, other)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Missing, wrong and stale signatures get 401 problem JSON and nothing is stored")
    void badSignaturesAre401() throws Exception {
        start();
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        assertProblem(post(body, "Oncehub-Signature", null), 401, "invalid-signature",
                "the Oncehub-Signature header is missing");
        assertProblem(post(body, "Oncehub-Signature", signNow(new WebhookSecret("not-ours"), body)), 401,
                "invalid-signature", "the signature does not match the body");
        long fiveDaysAgo = Instant.now().minus(Duration.ofDays(4)).getEpochSecond();
        HttpResponse<String> stale = post(body, "Oncehub-Signature", SignatureVerifier.sign(SECRET, fiveDaysAgo, body));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).getString("detail")).contains("is more than PT72H away from now");
        assertThat(db.inbox().findByEventId("EVNT-1")).isEmpty();
    }

    @Test
    @DisplayName("During a secret rotation both the old and the new secret are accepted")
    void rotation() throws Exception {
        WebhookSecret next = new WebhookSecret("whsec-next-9876543210");
        start(WebhookSettings.of(next, SECRET));
        byte[] a = bytes(booking("EVNT-a", "booking.scheduled", "BKNG-a", "a@x.org", T0));
        byte[] b = bytes(booking("EVNT-b", "booking.scheduled", "BKNG-b", "b@x.org", T0));
        assertThat(post(a, "Oncehub-Signature", signNow(SECRET, a)).statusCode()).isEqualTo(200);
        assertThat(post(b, "Oncehub-Signature", signNow(next, b)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("A body over the limit gets 413 problem JSON, also a 10 MB one")
    void tooLarge() throws Exception {
        start();
        byte[] big = new byte[(int) BODY_LIMIT + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(post(big, "Oncehub-Signature", signNow(SECRET, big)), 413, "body-too-large",
                "the body exceeds the limit of 16384 bytes");
        byte[] huge = new byte[10 * 1024 * 1024];
        HttpResponse<String> response = post(huge, "Oncehub-Signature", "t=1,s=00");
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("Truncated JSON, wrong types, missing fields and invalid UTF-8 get 400 problem JSON naming the fault")
    void malformedBodiesAre400() throws Exception {
        start();
        String full = booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0).encode();
        byte[] truncated = full.substring(0, full.length() / 2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r1 = postSigned(truncated);
        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(json(r1).getString("detail")).startsWith("/data/").contains(": not JSON: Unexpected end-of-input")
                .contains("at line 1, column");

        JsonObject objectTime = booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0)
                .put("creation_time", new JsonObject().put("seconds", 1));
        assertProblem(postSigned(bytes(objectTime)), 400, "malformed-event",
                "/creation_time: expected a string, found object");

        JsonObject textData = booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0).put("data", "BKNG-1");
        assertProblem(postSigned(bytes(textData)), 400, "malformed-event", "/data: expected the event's data object");

        JsonObject noBooking = booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0);
        noBooking.getJsonObject("data").remove("id");
        assertProblem(postSigned(bytes(noBooking)), 400, "malformed-event", "/data/id: is required");

        JsonObject badTime = booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0)
                .put("creation_time", "yesterday");
        assertProblem(postSigned(bytes(badTime)), 400, "malformed-event",
                "/creation_time: is not an ISO-8601 date-time: \"yesterday\"");

        assertProblem(postSigned("[1,2]".getBytes(StandardCharsets.UTF_8)), 400, "malformed-event",
                "/: expected a JSON object");

        byte[] latin1 = "{\"id\":\"EVNT-é\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(postSigned(latin1), 400, "malformed-event",
                "the body is not valid UTF-8: invalid byte sequence at byte offset 12");
        assertThat(db.inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    @DisplayName("The same event delivered twice is acknowledged twice and processed once")
    void duplicatesAreProcessedOnce() throws Exception {
        start();
        processor.expect(1);
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        assertThat(json(postSigned(body)).getString("status")).isEqualTo("stored");
        assertThat(processor.awaitEvents()).isTrue();
        HttpResponse<String> again = postSigned(body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).getString("status")).isEqualTo("duplicate");
        stop();
        assertThat(processor.seen).hasSize(1);
    }

    @Test
    @DisplayName("A valid event type oncesync does not act on is acknowledged and recorded as ignored")
    void unknownTypeIsIgnored() throws Exception {
        start();
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0)
                .put("type", "conversation.reached_out"));
        HttpResponse<String> response = postSigned(body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getString("status")).isEqualTo("ignored");
        stop();
        InboxEntry entry = db.inbox().findByEventId("EVNT-1").orElseThrow();
        assertThat(entry.status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(entry.decisionTrace()).isEqualTo("ignored on receipt: event type \"conversation.reached_out\" is not one oncesync acts on");
        assertThat(processor.seen).isEmpty();
    }

    @Test
    @DisplayName("When the inbox is full the answer is 503 problem JSON with Retry-After, and nothing is stored")
    void overloadedInboxIs503() throws Exception {
        start(WebhookSettings.of(SECRET), InboxOptions.defaults().withAdmitQueue(10, 64));
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        HttpResponse<String> response = postSigned(body);
        assertProblem(response, 503, "inbox-unavailable", "the inbox is busy; the event was not stored");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(db.inbox().findByEventId("EVNT-1")).isEmpty();
    }

    @Test
    @DisplayName("An unexpected exception while reading a signed body is answered at once (500, logged, nothing stored), never left to time out")
    void anExceptionInTheBodyCallbackIsAnswered() throws Exception {
        db = InboxDatabase.sqlite(dataDir, InboxOptions.defaults());
        server = IngestServer.start(IngestServer.Settings.of(WebhookSettings.of(SECRET).withBodyLimit(BODY_LIMIT))
                .withTriage(body -> {
                    throw new IllegalStateException("a bug in triage");
                }), db, processor);
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(request(body, "Oncehub-Signature",
                signNow(SECRET, body)), (n, v) -> true).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 500, "internal-error", "the webhook could not be handled; it was not acknowledged");
        assertThat(db.inbox().findByEventId("EVNT-1")).isEmpty();
    }

    @Test
    @DisplayName("When the inbox cannot store the event the answer is 503 problem JSON, never a 2xx")
    void failingInboxIs503() throws Exception {
        start();
        db.close();
        byte[] body = bytes(booking("EVNT-1", "booking.scheduled", "BKNG-1", "a@x.org", T0));
        assertProblem(postSigned(body), 503, "inbox-unavailable",
                "the event could not be stored durably; it was not acknowledged");
    }

    @Test
    @DisplayName("50 concurrent first-time bookings by one email are all stored and processed strictly one at a time")
    void fiftyBookingsByOneGuest() throws Exception {
        start();
        processor.expect(50);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String email = i % 2 == 0 ? "new.guest@example.org" : "New.Guest@Example.org ";
            byte[] body = bytes(booking("EVNT-" + i, "booking.scheduled", "BKNG-" + i, email, T0.plusSeconds(i)));
            responses.add(http.sendAsync(request(body, "Oncehub-Signature", signNow(SECRET, body)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
                .collect(Collectors.toSet())).containsExactly(200);
        assertThat(processor.awaitEvents()).isTrue();
        stop();

        assertThat(processor.overlaps).hasValue(0);
        assertThat(processor.batches).allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(processor.seen.stream().map(e -> e.eventId()).distinct().count()).isEqualTo(50);
        assertThat(processor.seen).hasSize(50);
        assertThat(db.inbox().countByStatus()).containsEntry(InboxStatus.APPLIED, 50L);
    }
}
