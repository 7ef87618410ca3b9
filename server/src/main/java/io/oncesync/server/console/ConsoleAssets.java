package io.oncesync.server.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files from the jar: {@code oncesync/console/…} (hand-written HTML, CSS, ES modules) and
 * WebJars ({@code META-INF/resources/webjars/…}). Read once and kept in memory; an unknown or odd path is a 404.
 */
final class ConsoleAssets {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]{0,200}");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8", "png", "image/png", "svg", "image/svg+xml",
            "json", "application/json", "txt", "text/plain; charset=utf-8");

    private final Map<String, Optional<Buffer>> cache = new ConcurrentHashMap<>();

    /** A resource's bytes, or empty when there is none (or the path tries to leave its folder). */
    Optional<Buffer> read(String resource) {
        return cache.computeIfAbsent(resource, ConsoleAssets::load);
    }

    /** Serves {@code prefix + relative} with its content type, or 404. */
    void serve(RoutingContext ctx, String prefix, String relative) {
        if (relative == null || !SAFE.matcher(relative).matches() || relative.contains("..") || relative.contains("//")) {
            notFound(ctx);
            return;
        }
        Optional<Buffer> body = read(prefix + relative);
        if (body.isEmpty()) {
            notFound(ctx);
            return;
        }
        ctx.response().putHeader("Content-Type", type(relative)).putHeader("Cache-Control", "no-cache")
                .end(body.get());
    }

    static String type(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("not found");
    }

    private static Optional<Buffer> load(String resource) {
        ClassLoader cl = ConsoleAssets.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
