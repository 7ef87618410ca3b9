package io.oncesync.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server on its own event loop; several instances share the port, the router and one {@link Gate}. Header
 * and request-line limits, an idle timeout and the connection cap keep slow or numerous clients from holding the
 * server; with {@link Tls} files it serves HTTPS.
 */
public final class HttpVerticle extends VerticleBase {
    /** PEM certificate chain and private key for HTTPS. */
    public record Tls(Path certificate, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** Counts open connections across every instance; past the cap a new connection is closed at once. */
    public static final class Gate {
        private final int max;
        private final AtomicInteger open = new AtomicInteger();

        public Gate(int max) {
            this.max = max;
        }

        public int open() {
            return open.get();
        }
    }

    private final Router router;
    private final String host;
    private final int port;
    private final HttpLimits limits;
    private final Gate gate;
    private final Optional<Tls> tls;
    private volatile HttpServer server;

    public HttpVerticle(Router router, String host, int port) {
        this(router, host, port, HttpLimits.defaults(), new Gate(HttpLimits.DEFAULT_MAX_CONNECTIONS), Optional.empty());
    }

    public HttpVerticle(Router router, String host, int port, HttpLimits limits, Gate gate, Optional<Tls> tls) {
        this.router = router;
        this.host = host;
        this.port = port;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setMaxHeaderSize(16 * 1024).setMaxInitialLineLength(8 * 1024)
                // HTTP/1.1 only: no cleartext HTTP/2 upgrade, so one connection carries one request at a time and
                // closing it after a refused body affects no one else.
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setIdleTimeout((int) Math.min(Integer.MAX_VALUE,
                        limits.idleTimeout().toMillis()));
        tls.ifPresent(t -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(t.certificate().toString()).setKeyPath(t.privateKey().toString())));
        return vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    if (gate.open.incrementAndGet() > gate.max) {
                        gate.open.decrementAndGet();
                        connection.close();
                        return;
                    }
                    connection.closeHandler(v -> gate.open.decrementAndGet());
                })
                .requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
