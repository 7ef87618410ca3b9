package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The three OAuth 2.0 grants oncesync uses against {@code /services/oauth2/token}: authorization code with PKCE
 * (web-server flow), refresh token, and client credentials (headless). Blocking; never call it on an event loop.
 */
public final class OAuthClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OAuthSettings settings;
    private final HttpClient http;
    private final Clock clock;

    public OAuthClient(OAuthSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OAuthClient(OAuthSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    public OAuthSettings settings() {
        return settings;
    }

    /** The URL to send the admin's browser to; {@code state} comes back on the callback unchanged. */
    public URI authorizeUrl(String state, Pkce pkce) {
        requireRedirect();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", settings.redirectUri().toString());
        q.put("scope", "api refresh_token");
        q.put("state", state);
        q.put("code_challenge", pkce.challenge());
        q.put("code_challenge_method", "S256");
        q.put("prompt", "login consent");
        return URI.create(settings.loginHost().authorizeEndpoint() + "?" + form(q));
    }

    public TokenGrant exchangeCode(String code, Pkce pkce) throws OAuthException {
        requireRedirect();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret().reveal());
        f.put("redirect_uri", settings.redirectUri().toString());
        f.put("code_verifier", pkce.verifier().reveal());
        return post(f, Optional.empty());
    }

    /** A new access token for a stored refresh token; the answer carries no new refresh token, so the old one stays. */
    public TokenGrant refresh(Secret refreshToken) throws OAuthException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken.reveal());
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret().reveal());
        return post(f, Optional.of(refreshToken));
    }

    public TokenGrant clientCredentials() throws OAuthException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "client_credentials");
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret().reveal());
        return post(f, Optional.empty());
    }

    private TokenGrant post(Map<String, String> form, Optional<Secret> keptRefreshToken) throws OAuthException {
        HttpRequest request = HttpRequest.newBuilder(settings.loginHost().tokenEndpoint())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OAuthException("unreachable", settings.loginHost().tokenEndpoint() + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("unreachable", "interrupted", 0, e);
        }
        JsonNode body = parse(response);
        if (response.statusCode() != 200) {
            throw new OAuthException(text(body, "error").orElse("http_" + response.statusCode()),
                    text(body, "error_description").orElse(null), response.statusCode(), null);
        }
        return grant(body, response.statusCode(), keptRefreshToken);
    }

    private TokenGrant grant(JsonNode body, int status, Optional<Secret> keptRefreshToken) throws OAuthException {
        String access = text(body, "access_token").orElseThrow(() -> malformed("access_token", status));
        String instance = text(body, "instance_url").orElseThrow(() -> malformed("instance_url", status));
        String id = text(body, "id").orElseThrow(() -> malformed("id", status));
        String[] parts = id.split("/");
        if (parts.length < 3 || !parts[parts.length - 3].equals("id")) {
            throw new OAuthException("malformed_response", "identity URL '" + id + "' is not …/id/<org>/<user>", status, null);
        }
        Instant issued = text(body, "issued_at").map(OAuthClient::epochMillis).orElse(clock.instant());
        Optional<Secret> refresh = text(body, "refresh_token").map(Secret::of).or(() -> keptRefreshToken);
        URI instanceUrl;
        try {
            instanceUrl = URI.create(instance);
        } catch (IllegalArgumentException e) {
            throw new OAuthException("malformed_response", "instance_url '" + instance + "' is not a URL", status, e);
        }
        return new TokenGrant(Secret.of(access), refresh, instanceUrl, parts[parts.length - 2],
                parts[parts.length - 1], issued);
    }

    private static Instant epochMillis(String s) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    private static JsonNode parse(HttpResponse<String> response) throws OAuthException {
        try {
            return JSON.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (IOException e) {
            String kind = response.statusCode() >= 500 ? "unreachable" : "malformed_response";
            throw new OAuthException(kind, "token endpoint answered non-JSON", response.statusCode(), null);
        }
    }

    private static OAuthException malformed(String field, int status) {
        return new OAuthException("malformed_response", "token response has no " + field, status, null);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    private void requireRedirect() {
        if (settings.redirectUri() == null) {
            throw new IllegalStateException("the web-server flow needs a redirect URI in the OAuth settings");
        }
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
