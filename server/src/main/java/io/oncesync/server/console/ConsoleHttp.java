package io.oncesync.server.console;

import io.oncesync.server.http.ApiProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The console API's plumbing: JSON bodies, and blocking work answered like the admin API's ({@link ApiProblem}). */
final class ConsoleHttp {
    private ConsoleHttp() {
    }

    /** The request body as a JSON object, or empty when there is none or it is not a JSON object. */
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
        ApiProblem.answerBlocking(ctx, work);
    }
}
