package io.oncesync.server.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads one request body into memory only as far as it is affordable: a declared {@code Content-Length} over the
 * limit is refused before a byte is read, every chunk is charged to the shared {@link InflightBudget} (exhausted:
 * 503 with Retry-After and the chunks dropped), and the whole body must arrive within the request timeout (else 408
 * and the connection is closed). After an early answer the rest of the body is read and discarded (a well-behaved
 * client then reads the answer), still under the request timeout, so a refused sender costs no memory. The budget
 * charged for a body is given back when its response has been sent (or the connection died).
 */
final class BoundedBody {
    /** Why a body was not read in full. */
    enum Refusal { TOO_LARGE, BUDGET_EXHAUSTED, TIMED_OUT }

    private final long bodyLimit;
    private final InflightBudget budget;
    private final long timeoutMillis;

    BoundedBody(long bodyLimit, InflightBudget budget, long timeoutMillis) {
        this.bodyLimit = bodyLimit;
        this.budget = budget;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Reads the body of {@code ctx}'s request and hands it to {@code onBody}, or answers through {@code onRefusal}.
     * {@code precheck} runs first (on the headers) and may answer by itself: return false when it did. An exception
     * from {@code onBody} fails {@code ctx}, so the route's failure handler answers it.
     */
    void read(RoutingContext ctx, Function<RoutingContext, Boolean> precheck, BiConsumer<RoutingContext, byte[]> onBody,
              BiConsumer<RoutingContext, Refusal> onRefusal) {
        HttpServerRequest request = ctx.request();
        Vertx vertx = ctx.vertx();
        State state = new State();
        state.timer = vertx.setTimer(timeoutMillis, id -> {
            if (!state.ended) {
                state.drop();
                if (!state.answered) {
                    state.answered = true;
                    onRefusal.accept(ctx, Refusal.TIMED_OUT);
                }
                closeAfterAnswer(ctx);
            }
        });
        ctx.addEndHandler(v -> {
            state.drop();
            if (state.ended || request.isEnded()) {
                vertx.cancelTimer(state.timer);
            }
            // else: answered early while the body still comes; the timer closes the connection at the deadline.
        });
        request.exceptionHandler(e -> state.drop());
        long declared = declaredLength(request);
        if (declared > bodyLimit) {
            state.answered = true;
            discardRest(ctx, state);
            onRefusal.accept(ctx, Refusal.TOO_LARGE);
            return;
        }
        if (!precheck.apply(ctx)) {
            state.answered = true;
            discardRest(ctx, state);
            return;
        }
        if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.handler(chunk -> {
            if (state.answered) {
                return; // discarded
            }
            int n = chunk.length();
            if (state.size + n > bodyLimit) {
                state.answered = true;
                state.drop();
                onRefusal.accept(ctx, Refusal.TOO_LARGE);
                return;
            }
            if (!budget.tryReserve(n)) {
                state.answered = true;
                state.drop();
                onRefusal.accept(ctx, Refusal.BUDGET_EXHAUSTED);
                return;
            }
            state.reserved += n;
            state.size += n;
            state.chunks.add(chunk);
        });
        request.endHandler(v -> {
            state.ended = true;
            vertx.cancelTimer(state.timer);
            if (state.answered) {
                return;
            }
            byte[] body = new byte[(int) state.size];
            int at = 0;
            for (Buffer chunk : state.chunks) {
                chunk.getBytes(body, at);
                at += chunk.length();
            }
            state.chunks.clear();
            state.answered = true;
            // This callback runs outside the router's handler chain: an exception here would leave the request
            // unanswered until the client gives up. Failing the context routes it to the route's failure handler.
            try {
                onBody.accept(ctx, body);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
        request.resume();
    }

    private void discardRest(RoutingContext ctx, State state) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            return;
        }
        request.handler(chunk -> {
            // discarded: a refused body costs no memory
        });
        request.endHandler(v -> {
            state.ended = true;
        });
        request.resume();
    }

    /** Closes the connection once the answer is written (at once if there is none to write). */
    private static void closeAfterAnswer(RoutingContext ctx) {
        if (ctx.response().ended()) {
            ctx.request().connection().close();
        } else {
            ctx.addEndHandler(v -> ctx.request().connection().close());
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One request's reading state; touched only on its event loop. */
    private final class State {
        final List<Buffer> chunks = new ArrayList<>();
        long size;
        long reserved;
        long timer;
        boolean ended;
        boolean answered;

        void drop() {
            chunks.clear();
            if (reserved > 0) {
                budget.release(reserved);
                reserved = 0;
            }
        }
    }
}
