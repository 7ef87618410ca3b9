package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.connect.TokenGrant;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Up to {@code max} Partner connections in use at once, all on the same session. force-wsc's {@link
 * PartnerConnection} keeps its SOAP headers and the last response's {@code LimitInfoHeader} in the instance, so a
 * connection serves one call at a time; each has its own {@link ConnectorConfig} and they share one HTTP client
 * (whose connection pool is thread-safe). Connections are made on first need and kept; one taken for a newer
 * session generation than it was set up with gets the new token and endpoint first.
 */
final class PartnerConnections {
    static final int TIMEOUT_MILLIS = 120_000;

    /** A connection and the session generation its headers carry. */
    static final class Binding {
        final PartnerConnection connection;
        long generation;

        private Binding(PartnerConnection connection, long generation) {
            this.connection = connection;
            this.generation = generation;
        }
    }

    private final int max;
    private final Semaphore slots;
    private final ConcurrentLinkedDeque<Binding> idle = new ConcurrentLinkedDeque<>();
    private final List<Runnable> onFreed = new CopyOnWriteArrayList<>();
    private final HttpClient http;

    PartnerConnections(int max, TokenGrant first) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one concurrent Salesforce call is needed, got " + max);
        }
        this.max = max;
        this.slots = new Semaphore(max, true);
        this.http = NoRetryTransport.client(config(first));
        try {
            idle.add(new Binding(open(first), 0));
        } catch (ConnectionException e) {
            throw new IllegalArgumentException("cannot configure the Partner connection for " + first.soapEndpoint(), e);
        }
    }

    int max() {
        return max;
    }

    int inUse() {
        return max - slots.availablePermits();
    }

    /** Runs {@code listener} whenever a call ends and frees its slot. */
    void onFreed(Runnable listener) {
        onFreed.add(listener);
    }

    /** Waits for a free slot; the binding is brought up to {@code session}. */
    Binding take(SharedSession.Current session) throws InterruptedException, ConnectionException {
        slots.acquire();
        try {
            Binding b = idle.pollFirst();
            if (b == null) {
                b = new Binding(open(session.grant()), session.generation());
            }
            update(b, session);
            return b;
        } catch (ConnectionException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    void give(Binding b) {
        idle.offerFirst(b);
        slots.release();
        onFreed.forEach(Runnable::run);
    }

    /** Puts the session's token and endpoint on {@code b} unless it already carries them (or a newer one). */
    static void update(Binding b, SharedSession.Current session) {
        if (b.generation >= session.generation()) {
            return;
        }
        ConnectorConfig config = b.connection.getConfig();
        String token = session.grant().accessToken().reveal();
        config.setSessionId(token);
        config.setAuthEndpoint(session.grant().soapEndpoint());
        config.setServiceEndpoint(session.grant().soapEndpoint());
        b.connection.setSessionHeader(token);
        b.generation = session.generation();
    }

    private PartnerConnection open(TokenGrant grant) throws ConnectionException {
        ConnectorConfig config = config(grant);
        config.setTransportFactory(() -> {
            NoRetryTransport t = new NoRetryTransport(http);
            t.setConfig(config);
            return t;
        });
        PartnerConnection pc = Connector.newConnection(config);
        // Alert-type duplicate rules may save; Block rules still fail and name the matched record.
        pc.setDuplicateRuleHeader(true, true, false);
        pc.setQueryOptions(2000);
        return pc;
    }

    private static ConnectorConfig config(TokenGrant grant) {
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(grant.accessToken().reveal());
        config.setAuthEndpoint(grant.soapEndpoint());
        config.setServiceEndpoint(grant.soapEndpoint());
        config.setCompression(true);
        config.setConnectionTimeout(TIMEOUT_MILLIS);
        config.setReadTimeout(TIMEOUT_MILLIS);
        return config;
    }
}
