package io.oncesync.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem document: every answer oncesync gives instead of the resource asked for (the webhook's 4xx and
 * 503s, the admin API's and the console's errors, the admin guard's 401/403) is one of these, written by
 * {@link #send}. {@code type} is {@code urn:oncesync:problem:<name>} for problems a client may act on, or
 * {@code about:blank} when the status and title say it all. {@code detail} names the fault for the caller (which
 * field, which byte), never a secret. {@code extensions} are extra members, e.g. a rule upload's {@code problems}
 * or a settings form's {@code diff}; they never replace the four standard members.
 */
public record Problem(String type, String title, int status, String detail, JsonObject extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:oncesync:problem:";
    /** RFC 9457's type for a problem that has no more meaning than its status code. */
    public static final String UNTYPED = "about:blank";
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, was " + status);
        }
        extensions = extensions == null ? new JsonObject() : extensions.copy();
    }

    /** A problem of type {@code urn:oncesync:problem:<name>}. */
    public static Problem of(int status, String name, String title, String detail) {
        return new Problem(TYPE_PREFIX + name, title, status, detail, null);
    }

    /** A problem of type {@code about:blank}. */
    public static Problem untyped(int status, String title, String detail) {
        return new Problem(UNTYPED, title, status, detail, null);
    }

    /** The same problem with one more extension member. */
    public Problem with(String member, Object value) {
        if (STANDARD.contains(member)) {
            throw new IllegalArgumentException("\"" + member + "\" is a standard member, not an extension");
        }
        return new Problem(type, title, status, detail, extensions.copy().put(member, value));
    }

    /** The document: the extension members, then the four standard ones. */
    public JsonObject toJson() {
        JsonObject body = extensions.copy();
        STANDARD.forEach(body::remove);
        return body.put("type", type).put("title", title).put("status", status).put("detail", detail);
    }

    /** Answers the request with this problem, unless an answer was already sent. */
    public void send(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(toJson().encode());
    }
}
