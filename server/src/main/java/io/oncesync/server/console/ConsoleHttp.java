package io.oncesync.server.console;

import io.oncesync.engine.port.CallFailure;
import io.oncesync.server.inbox.InboxUnavailable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The console API's plumbing: JSON bodies, blocking work off the event loop, problem documents. */
final class ConsoleHttp {
    private ConsoleHttp() {
    }

    /** An answer other than 200: an RFC 9457 problem document, with extra members (problems, diff) when given. */
    static final class Problem extends RuntimeException {
        final int status;
        final String type;
        final String title;
        final JsonObject extra;

        Problem(int status, String type, String title, String detail) {
            this(status, type, title, detail, null);
        }

        Problem(int status, String type, String title, String detail, JsonObject extra) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
            this.title = title;
            this.extra = extra;
        }

        void send(RoutingContext ctx) {
            JsonObject body = extra == null ? new JsonObject() : extra.copy();
            body.put("type", "urn:oncesync:problem:" + type).put("title", title).put("status", status)
                    .put("detail", getMessage());
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
        }
    }

    /** The request body as a JSON object; a body that is not one is answered 400 here (and empty is returned). */
    static Optional<JsonObject> jsonBody(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JsonObject(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code work} on a worker thread and answers its JSON, or the problem it raised. */
    static void blocking(RoutingContext ctx, Callable<Object> work) {
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
            if (t instanceof Problem p) {
                p.send(ctx);
            } else if (t instanceof CallFailure) {
                new Problem(503, "salesforce-unavailable", "Salesforce unavailable", t.getMessage()).send(ctx);
            } else if (t instanceof InboxUnavailable) {
                new Problem(503, "database-unavailable", "Database unavailable", t.getMessage()).send(ctx);
            } else {
                new Problem(500, "internal-error", "Internal error", t.getClass().getSimpleName() + ": " + t.getMessage()).send(ctx);
            }
        });
    }
}
