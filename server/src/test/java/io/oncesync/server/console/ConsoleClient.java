package io.oncesync.server.console;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser-like HTTP client for the console: keeps the session cookie and the CSRF token it was given. */
final class ConsoleClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    String cookie;
    String csrf;
    /** X-Forwarded-Proto to send, as a TLS-terminating proxy would; null for none. */
    String forwardedProto;

    ConsoleClient(String base) {
        this.base = base;
    }

    /** Signs in with the admin token; returns the sign-in answer. */
    HttpResponse<String> signIn(String token) throws Exception {
        HttpResponse<String> r = send("POST", "/console/api/sign-in", new JsonObject().put("method", "admin-token")
                .put("token", token).encode(), false);
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        if (r.statusCode() == 200) {
            csrf = new JsonObject(r.body()).getString("csrf");
        }
        return r;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, false);
    }

    /** A change with the session's CSRF token. */
    HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return send("POST", path, body == null ? null : body.encode(), true);
    }

    /** A change without any CSRF token (what a forged cross-site request would look like). */
    HttpResponse<String> postWithoutCsrf(String path, JsonObject body) throws Exception {
        return send("POST", path, body == null ? null : body.encode(), false);
    }

    HttpResponse<String> send(String method, String path, String body, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (forwardedProto != null) {
            b.header("X-Forwarded-Proto", forwardedProto);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (withCsrf && csrf != null) {
            b.header(ConsoleGuard.CSRF_HEADER, csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }
}
