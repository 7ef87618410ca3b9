package io.oncesync.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server on its own event loop; several instances share the port and the router. Header and request-line
 * limits and an idle timeout keep slow or oversized clients from holding connections.
 */
public final class HttpVerticle extends VerticleBase {
    private final Router router;
    private final String host;
    private final int port;
    private volatile HttpServer server;

    public HttpVerticle(Router router, String host, int port) {
        this.router = router;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setMaxHeaderSize(16 * 1024).setMaxInitialLineLength(8 * 1024)
                .setIdleTimeout(120);
        return vertx.createHttpServer(options).requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
