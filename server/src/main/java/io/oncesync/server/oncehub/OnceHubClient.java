package io.oncesync.server.oncehub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncesync.server.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OnceHub's API v2 over Java's HttpClient, with the {@code API-Key} header. Calls are spaced to stay within the
 * configured requests per second; a 429 waits for its Retry-After (else an exponential backoff), a 5xx or no answer
 * is retried with exponential backoff, both up to {@link #MAX_ATTEMPTS} attempts. The key is never logged nor part
 * of any message. Blocking: call from worker threads.
 */
public final class OnceHubClient implements BookingCalendars {
    public static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(OnceHubClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private final Duration firstBackoff;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** A page of bookings and the Link header's next page, if any. */
    public record BookingPage(List<JsonNode> bookings, Optional<URI> next) {
    }

    /** The create call's answer: the only time OnceHub shows the signing secret. */
    public record CreatedWebhook(WebhookInfo webhook, Secret secret) {
    }

    private final String base;
    private final Supplier<Secret> apiKey;
    private final HttpClient http;
    private final long spacingNanos;
    private final AtomicLong calls = new AtomicLong();
    private long nextSlot;

    public OnceHubClient(String baseUrl, Supplier<Secret> apiKey, int requestsPerSecond) {
        this(baseUrl, apiKey, requestsPerSecond, FIRST_BACKOFF);
    }

    /** With the first backoff (after a 5xx, or a 429 without Retry-After) chosen; it doubles up to 30 s. */
    public OnceHubClient(String baseUrl, Supplier<Secret> apiKey, int requestsPerSecond, Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
        this.base = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.spacingNanos = 1_000_000_000L / Math.max(1, requestsPerSecond);
    }

    /** HTTP requests sent so far, retries included. */
    public long calls() {
        return calls.get();
    }

    public List<WebhookInfo> webhooks() throws OnceHubException {
        List<WebhookInfo> out = new ArrayList<>();
        for (JsonNode n : items(send("GET", URI.create(base + "/webhooks"), null).body)) {
            out.add(webhook(n));
        }
        return out;
    }

    public Optional<WebhookInfo> webhook(String id) throws OnceHubException {
        try {
            return Optional.of(webhook(send("GET", URI.create(base + "/webhooks/" + enc(id)), null).body));
        } catch (OnceHubException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public CreatedWebhook createWebhook(String name, String url, List<String> events) throws OnceHubException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("url", url);
        events.forEach(body.putArray("events")::add);
        JsonNode n = send("POST", URI.create(base + "/webhooks"), body).body;
        String secret = n.path("secret").asText("");
        if (secret.isBlank()) {
            throw new OnceHubException(200, null, "secret", "OnceHub created webhook " + n.path("id").asText()
                    + " but its answer has no signing secret");
        }
        return new CreatedWebhook(webhook(n), Secret.of(secret));
    }

    /** Deletes a subscription; false when it was already gone. */
    public boolean deleteWebhook(String id) throws OnceHubException {
        try {
            send("DELETE", URI.create(base + "/webhooks/" + enc(id)), null);
            return true;
        } catch (OnceHubException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The first page of bookings updated after {@code after}, oldest update first. */
    public BookingPage bookingsUpdatedAfter(Instant after, int limit) throws OnceHubException {
        return bookingPage(URI.create(base + "/bookings?limit=" + limit + "&last_updated_time.gt=" + enc(after.toString())));
    }

    /** The page a Link header pointed at. */
    public BookingPage bookingPage(URI page) throws OnceHubException {
        Answer a = send("GET", page, null);
        return new BookingPage(items(a.body), a.next);
    }

    @Override
    public List<BookingCalendar> list() throws OnceHubException {
        List<BookingCalendar> out = new ArrayList<>();
        URI page = URI.create(base + "/booking-calendars");
        while (page != null) {
            Answer a = send("GET", page, null);
            for (JsonNode n : items(a.body)) {
                out.add(new BookingCalendar(n.path("id").asText(), n.path("name").asText()));
            }
            page = a.next.orElse(null);
        }
        return out;
    }

    private record Answer(JsonNode body, Optional<URI> next) {
    }

    private Answer send(String method, URI uri, JsonNode body) throws OnceHubException {
        Secret key = apiKey.get();
        if (key == null || key.isEmpty()) {
            throw new OnceHubException(0, null, null, "no OnceHub API key: set ONCESYNC_ONCEHUB_API_KEY or run"
                    + " 'oncesync oncehub connect --api-key-stdin'");
        }
        String what = method + " " + uri.getPath();
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            pace();
            HttpResponse<String> r;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("API-Key", key.reveal()).header("Accept", "application/json");
                b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                        : b.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(body.toString()));
                calls.incrementAndGet();
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new OnceHubException("OnceHub did not answer " + what + " after " + attempt + " attempts: " + e, e);
                }
                backoff = wait(backoff, null, what, "no answer (" + e.getClass().getSimpleName() + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OnceHubException("interrupted during " + what, e);
            }
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
                Optional<String> link = r.headers().firstValue("Link");
                return new Answer(parse(r.body()), link.isEmpty() ? Optional.empty() : next(uri, link.get()));
            }
            if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
                backoff = wait(backoff, status == 429 ? r.headers().firstValue("Retry-After").orElse(null) : null, what,
                        "HTTP " + status);
                continue;
            }
            throw refused(status, r.body(), what, attempt);
        }
    }

    /** Keeps calls at least 1/requestsPerSecond apart across threads. */
    private void pace() throws OnceHubException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + spacingNanos;
            wait = slot - now;
        }
        sleep(Duration.ofNanos(wait));
    }

    private Duration wait(Duration backoff, String retryAfter, String what, String why) throws OnceHubException {
        Duration pause = retryAfter(retryAfter, Instant.now()).orElse(backoff);
        LOG.info("OnceHub answered {} with {}; retrying in {} ms", what, why, pause.toMillis());
        sleep(pause);
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static void sleep(Duration d) throws OnceHubException {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnceHubException("interrupted while waiting to call OnceHub", e);
        }
    }

    private static OnceHubException refused(int status, String body, String what, int attempts) {
        JsonNode n = parseQuietly(body);
        JsonNode err = n.has("error") && n.get("error").isObject() ? n.get("error") : n;
        String type = err.path("type").asText(null);
        String param = err.path("param").asText(null);
        String message = err.path("message").asText("");
        String prefix = status == 401 ? "OnceHub refused the API key" : "OnceHub answered " + what + " with HTTP " + status;
        return new OnceHubException(status, type, param, prefix + (message.isBlank() ? "" : ": " + message)
                + (param == null ? "" : " (param " + param + ")")
                + (status == 429 || status >= 500 ? " after " + attempts + " attempts" : ""));
    }

    private static JsonNode parse(String body) throws OnceHubException {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new OnceHubException(200, null, null, "OnceHub answered with a body that is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode parseQuietly(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** A list answer: a JSON array, or an object with a {@code data} array. */
    private static List<JsonNode> items(JsonNode body) {
        JsonNode array = body.isArray() ? body : body.path("data");
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static WebhookInfo webhook(JsonNode n) {
        List<String> events = new ArrayList<>();
        n.path("events").forEach(e -> events.add(e.asText()));
        return new WebhookInfo(n.path("id").asText(), n.path("name").asText(), n.path("url").asText(), events,
                !"disabled".equalsIgnoreCase(n.path("status").asText("active")));
    }

    /**
     * The Link header's next page, resolved against the page that named it. It must stay on the API's own scheme,
     * host and port: the API key goes with every request, so a next page elsewhere is refused, never followed.
     */
    private Optional<URI> next(URI page, String link) throws OnceHubException {
        Matcher m = NEXT.matcher(link);
        if (!m.find()) {
            return Optional.empty();
        }
        URI next;
        try {
            next = page.resolve(new URI(m.group(1).strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OnceHubException(200, null, null, "OnceHub's Link header names a next page that is not a URL: "
                    + e.getMessage());
        }
        URI api = URI.create(base);
        if (!api.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                || !api.getHost().equalsIgnoreCase(String.valueOf(next.getHost())) || port(api) != port(next)) {
            throw new OnceHubException(200, null, null, "OnceHub's Link header names a next page outside its API ("
                    + next.getScheme() + "://" + next.getHost() + (next.getPort() < 0 ? "" : ":" + next.getPort())
                    + "); not followed, so the API key is not sent there");
        }
        return Optional.of(next);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * How long a 429's Retry-After asks to wait: delay-seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER}
     * (OnceHub's longest window is five minutes; a larger or unreadable value must not park the poller for good);
     * empty when absent or unreadable, and the backoff applies.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        Duration d;
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            d = v.length() > 18 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OnceHubClient[" + base + ", API key redacted]";
    }
}
