package io.oncesync.server.demo;

import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.WebhookRoutes;
import io.oncesync.server.ingest.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** Sends webhooks the way OnceHub does: a POST of the JSON body with an {@code Oncehub-Signature} header. */
public final class WebhookClient {
    /** The endpoint's answer. */
    public record Answer(int status, String body) {
        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final WebhookSecret secret;
    private final Clock clock;

    public WebhookClient(String baseUrl, WebhookSecret secret, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + WebhookRoutes.PATH);
        this.secret = secret;
        this.clock = clock;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Signs the exact bytes with the current time and posts them. */
    public Answer send(byte[] body) throws IOException, InterruptedException {
        return post(body, SignatureVerifier.sign(secret, clock.instant().getEpochSecond(), body));
    }

    /** Posts with the given signature header (null for none): for tests of bad signatures and replays. */
    public Answer post(byte[] body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header(WebhookRoutes.SIGNATURE_HEADER, signature);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
