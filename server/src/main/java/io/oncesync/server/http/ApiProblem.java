package io.oncesync.server.http;

import io.oncesync.engine.port.CallFailure;
import io.oncesync.server.inbox.InboxUnavailable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A {@link Problem} thrown from blocking work run by {@link #answerBlocking}: how the admin API and the console API
 * refuse a request from a worker thread.
 */
public final class ApiProblem extends RuntimeException {
    private final transient Problem problem;

    public ApiProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** A problem of type {@code urn:oncesync:problem:<name>}. */
    public ApiProblem(int status, String name, String title, String detail) {
        this(Problem.of(status, name, title, detail));
    }

    /** A problem of type {@code urn:oncesync:problem:<name>} with extension members. */
    public ApiProblem(int status, String name, String title, String detail, JsonObject extensions) {
        this(new Problem(Problem.TYPE_PREFIX + name, title, status, detail, extensions));
    }

    public Problem problem() {
        return problem;
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
            Problem p;
            if (t instanceof ApiProblem a) {
                p = a.problem;
            } else if (t instanceof CallFailure) {
                p = Problem.of(503, "salesforce-unavailable", "Salesforce unavailable", t.getMessage());
            } else if (t instanceof InboxUnavailable) {
                p = Problem.of(503, "database-unavailable", "Database unavailable", t.getMessage());
            } else {
                p = Problem.of(500, "internal-error", "Internal error", t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            p.send(ctx);
        });
    }
}
