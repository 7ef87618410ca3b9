package io.oncesync.server.admin;

import io.oncesync.engine.port.CallFailure;
import io.oncesync.server.inbox.InboxUnavailable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * An answer other than 200 from the admin API or the console API, as an RFC 9457 problem document ({@code type},
 * {@code title}, {@code status}, {@code detail}) with extra members when given ({@code problems} for rule errors,
 * a settings form's {@code problems} and {@code diff}). Thrown from blocking work run by {@link #answerBlocking}.
 */
public final class ApiProblem extends RuntimeException {
    private static final String PROBLEM = "urn:oncesync:problem:";

    private final int status;
    private final String type;
    private final String title;
    private final JsonObject extra;

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, (JsonObject) null);
    }

    ApiProblem(int status, String type, String title, String detail, JsonArray problems) {
        this(status, type, title, detail, problems == null ? null : new JsonObject().put("problems", problems));
    }

    public ApiProblem(int status, String type, String title, String detail, JsonObject extra) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extra = extra;
    }

    public int status() {
        return status;
    }

    public void send(RoutingContext ctx) {
        JsonObject body = extra == null ? new JsonObject() : extra.copy();
        body.put("type", PROBLEM + type).put("title", title).put("status", status).put("detail", getMessage());
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }

    /**
     * Runs {@code work} on a worker thread and answers its JSON, or the problem it raised: an {@link ApiProblem} as
     * itself, Salesforce or database unavailability as 503, anything else as a 500 naming the exception.
     */
    public static void answerBlocking(RoutingContext ctx, Callable<Object> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            if (ctx.response().ended()) {
                return;
            }
            if (ar.succeeded()) {
                Object v = ar.result();
                ctx.response().putHeader("Content-Type", "application/json")
                        .end(v instanceof JsonObject o ? o.encode() : String.valueOf(v));
                return;
            }
            Throwable t = ar.cause();
            if (t instanceof ApiProblem p) {
                p.send(ctx);
            } else if (t instanceof CallFailure) {
                new ApiProblem(503, "salesforce-unavailable", "Salesforce unavailable", t.getMessage()).send(ctx);
            } else if (t instanceof InboxUnavailable) {
                new ApiProblem(503, "database-unavailable", "Database unavailable", t.getMessage()).send(ctx);
            } else {
                new ApiProblem(500, "internal-error", "Internal error", t.getClass().getSimpleName() + ": " + t.getMessage())
                        .send(ctx);
            }
        });
    }
}
