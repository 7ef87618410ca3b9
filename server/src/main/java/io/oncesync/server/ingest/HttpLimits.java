package io.oncesync.server.ingest;

import java.time.Duration;

/**
 * What one HTTP server lets unauthenticated clients spend. Every webhook body is buffered in memory until it is
 * verified, so the bytes buffered across all requests in flight are bounded ({@code maxInflightBytes}: beyond it
 * 503 with Retry-After), a body must arrive within {@code requestTimeout} (else 408 and the connection is closed),
 * a connection with no traffic for {@code idleTimeout} is closed, and at most {@code maxConnections} connections are
 * open at once (more are closed as they arrive).
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, Duration requestTimeout, long maxInflightBytes) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_INFLIGHT_BYTES = 64L * 1024 * 1024;

    public HttpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (idleTimeout == null || idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
        if (requestTimeout == null || requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the request timeout must be positive, was " + requestTimeout);
        }
        if (maxInflightBytes < 1024) {
            throw new IllegalArgumentException("maxInflightBytes must be at least 1024, was " + maxInflightBytes);
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_INFLIGHT_BYTES);
    }

    public HttpLimits withMaxConnections(int n) {
        return new HttpLimits(n, idleTimeout, requestTimeout, maxInflightBytes);
    }

    public HttpLimits withIdleTimeout(Duration d) {
        return new HttpLimits(maxConnections, d, requestTimeout, maxInflightBytes);
    }

    public HttpLimits withRequestTimeout(Duration d) {
        return new HttpLimits(maxConnections, idleTimeout, d, maxInflightBytes);
    }

    public HttpLimits withMaxInflightBytes(long n) {
        return new HttpLimits(maxConnections, idleTimeout, requestTimeout, n);
    }
}
