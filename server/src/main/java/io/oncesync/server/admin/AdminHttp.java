package io.oncesync.server.admin;

import io.oncesync.server.http.ApiProblem;
import io.oncesync.server.http.Problem;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every admin route shares: query parameters read strictly (a bad value is a 400 naming the parameter), paging
 * newest first with {@code limit} and {@code before}, and blocking work answered as JSON or a problem document.
 */
final class AdminHttp {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private AdminHttp() {
    }

    /** Runs {@code work} on a worker thread and answers its JSON, or the problem it raised. */
    static void blocking(RoutingContext ctx, Callable<Object> work) {
        ApiProblem.answerBlocking(ctx, work);
    }

    static void badRequest(RoutingContext ctx, String detail) {
        Problem.of(400, "bad-request", "Bad request", detail).send(ctx);
    }

    static Optional<String> param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    static Optional<Long> longParam(RoutingContext ctx, String name) {
        return param(ctx, name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
            }
        });
    }

    /** The page size asked for ({@value #DEFAULT_PAGE} when not given), between 1 and {@value #MAX_PAGE}. */
    static int limit(RoutingContext ctx) {
        long l = longParam(ctx, "limit").orElse((long) DEFAULT_PAGE);
        if (l < 1 || l > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + l);
        }
        return (int) l;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got \"" + value + "\"");
        }
    }

    /** The same request with {@code before} set to the last id of this page, or null on the last page. */
    static String next(RoutingContext ctx, Long lastId) {
        if (lastId == null) {
            return null;
        }
        StringBuilder q = new StringBuilder();
        ctx.queryParams().forEach(e -> {
            if (!e.getKey().equals("before")) {
                q.append(q.length() == 0 ? "?" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            }
        });
        q.append(q.length() == 0 ? "?" : "&").append("before=").append(lastId);
        return ctx.request().path() + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
