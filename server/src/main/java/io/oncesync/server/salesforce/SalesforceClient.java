package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.connect.OAuthException;
import io.oncesync.server.salesforce.connect.TokenGrant;
import io.oncesync.server.salesforce.connect.TokenSource;
import io.oncesync.server.salesforce.write.WriteBatches;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.SearchRecord;
import com.sforce.soap.partner.SearchResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The edge towards one org: Partner connections whose session id is the OAuth access token and whose auth and
 * service endpoints are both {@code {instance_url}/services/Soap/u/65.0}, gzip on. Every call goes through {@link
 * #call}, which holds one of at most {@code maxConcurrentCalls} connections for the call (force-wsc connections are
 * not thread-safe; all share the session), so many workers call Salesforce at once. On INVALID_SESSION_ID the token
 * is renewed once for all callers that hit it (single flight) and each failed call is retried once with the new
 * token; if that fails too the client turns to {@link State#RECONNECT_NEEDED} and fails fast from then on instead of
 * looping. HTTP goes through {@link NoRetryTransport}, so a dropped connection never re-sends a create behind our
 * back. Thread-safe.
 */
public final class SalesforceClient {

    public enum State { ACTIVE, RECONNECT_NEEDED }

    /** Concurrent calls when nothing is configured: well under Salesforce's 25 concurrent long-running requests. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

    /** One Partner call. */
    @FunctionalInterface
    interface Call<T> {
        T run(PartnerConnection connection) throws ConnectionException;
    }

    /** The org's API allowance from the last {@code LimitInfoHeader}. */
    private record Limits(long current, long max) {
    }

    private final PartnerConnections connections;
    private final SharedSession session;
    private final FaultTranslator faults;
    private final PausePolicy pauses;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    private volatile State state = State.ACTIVE;
    private volatile String reconnectReason = "";
    private volatile Limits limits = new Limits(-1, -1);

    private SalesforceClient(PartnerConnections connections, SharedSession session, PausePolicy pauses, Clock clock) {
        this.connections = connections;
        this.session = session;
        this.faults = new FaultTranslator(pauses);
        this.pauses = pauses;
        this.clock = clock;
    }

    /** Opens the client for {@code grant} with the default number of concurrent calls; no network call happens here. */
    public static SalesforceClient open(TokenGrant grant, TokenSource renewal, PausePolicy pauses, Clock clock) {
        return open(grant, renewal, pauses, clock, DEFAULT_MAX_CONCURRENT_CALLS);
    }

    /** Opens the client for {@code grant}, making at most {@code maxConcurrentCalls} calls at once. */
    public static SalesforceClient open(TokenGrant grant, TokenSource renewal, PausePolicy pauses, Clock clock,
                                        int maxConcurrentCalls) {
        Objects.requireNonNull(grant, "grant");
        return new SalesforceClient(new PartnerConnections(maxConcurrentCalls, grant),
                new SharedSession(grant, Objects.requireNonNull(renewal, "renewal"), Objects.requireNonNull(clock, "clock")),
                Objects.requireNonNull(pauses, "pauses"), clock);
    }

    public State state() {
        return state;
    }

    public String reconnectReason() {
        return reconnectReason;
    }

    public ApiUsage usage() {
        Limits l = limits;
        return new ApiUsage(l.current(), l.max(), calls.get());
    }

    public String orgId() {
        return session.current().grant().orgId();
    }

    public String userId() {
        return session.current().grant().userId();
    }

    public String instanceUrl() {
        return session.current().grant().instanceUrl().toString();
    }

    /** The most calls this client makes at once. */
    public int maxConcurrentCalls() {
        return connections.max();
    }

    /** Calls being made right now. */
    public int callsInFlight() {
        return connections.inUse();
    }

    /** Runs {@code listener} (quickly, on the calling thread) whenever a call ends and frees its slot. */
    public void onCallSlotFreed(Runnable listener) {
        connections.onFreed(listener);
    }

    /** All rows of {@code soql}, following {@code queryMore} (each page is one API call). */
    public List<SObject> query(String soql) throws SalesforceUnavailable {
        QueryResult page = call("query", c -> c.query(soql));
        List<SObject> rows = new ArrayList<>(Arrays.asList(page.getRecords()));
        while (!page.isDone() && page.getQueryLocator() != null) {
            String locator = page.getQueryLocator();
            page = call("queryMore", c -> c.queryMore(locator));
            rows.addAll(Arrays.asList(page.getRecords()));
        }
        return rows;
    }

    public List<SObject> search(String sosl) throws SalesforceUnavailable {
        SearchResult result = call("search", c -> c.search(sosl));
        List<SObject> rows = new ArrayList<>();
        if (result.getSearchRecords() != null) {
            for (SearchRecord r : result.getSearchRecords()) {
                rows.add(r.getRecord());
            }
        }
        return rows;
    }

    public SaveResult[] create(SObject[] records) throws SalesforceUnavailable {
        requireBatch(records);
        return call("create", c -> c.create(records));
    }

    public SaveResult[] update(SObject[] records) throws SalesforceUnavailable {
        requireBatch(records);
        return call("update", c -> c.update(records));
    }

    public DescribeSObjectResult[] describe(String... types) throws SalesforceUnavailable {
        return call("describeSObjects", c -> c.describeSObjects(types));
    }

    public GetUserInfoResult userInfo() throws SalesforceUnavailable {
        return call("getUserInfo", PartnerConnection::getUserInfo);
    }

    <T> T call(String operation, Call<T> call) throws SalesforceUnavailable {
        if (state == State.RECONNECT_NEEDED) {
            throw new SalesforceUnavailable.ReconnectNeeded(operation, reconnectReason, null);
        }
        Limits l = limits;
        if (l.max() > 0 && pauses.dailyApiReserve() > 0 && l.max() - l.current() <= pauses.dailyApiReserve()) {
            throw new SalesforceUnavailable.LimitReached(operation, "only " + (l.max() - l.current()) + " of " + l.max()
                    + " daily API requests left, the reserve is " + pauses.dailyApiReserve(),
                    clock.instant().plus(pauses.afterLimitReached()), null);
        }
        long[] generation = new long[1];
        try {
            return attempt(operation, call, generation);
        } catch (ConnectionException first) {
            if (!FaultTranslator.isInvalidSession(first)) {
                throw faults.translate(operation, first, clock.instant());
            }
            renewSession(operation, generation[0]);
            try {
                return attempt(operation, call, generation);
            } catch (ConnectionException second) {
                if (FaultTranslator.isInvalidSession(second)) {
                    throw needReconnect(operation, "the renewed session was refused too", second);
                }
                throw faults.translate(operation, second, clock.instant());
            }
        }
    }

    /** One try on a free connection with the newest session; {@code generation[0]} is set to the session used. */
    private <T> T attempt(String operation, Call<T> call, long[] generation)
            throws ConnectionException, SalesforceUnavailable {
        PartnerConnections.Binding b;
        try {
            b = connections.take(session.current());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceUnavailable.Unreachable(operation, "interrupted while waiting for a call slot",
                    clock.instant().plus(pauses.afterUnreachable()), e);
        }
        try {
            generation[0] = b.generation;
            calls.incrementAndGet();
            return call.run(b.connection);
        } finally {
            readLimitInfo(b.connection);
            connections.give(b);
        }
    }

    private void renewSession(String operation, long expiredGeneration) throws SalesforceUnavailable {
        try {
            session.renewAfter(expiredGeneration);
        } catch (OAuthException e) {
            if (e.isTransient()) {
                throw new SalesforceUnavailable.Unreachable(operation, "token refresh failed: " + e.getMessage(),
                        clock.instant().plus(pauses.afterUnreachable()), e);
            }
            throw needReconnect(operation, "session expired and the token refresh was refused (" + e.error() + ")", e);
        }
    }

    private SalesforceUnavailable.ReconnectNeeded needReconnect(String operation, String reason, Throwable cause) {
        reconnectReason = reason;
        state = State.RECONNECT_NEEDED;
        return new SalesforceUnavailable.ReconnectNeeded(operation, reason, cause);
    }

    private void readLimitInfo(PartnerConnection connection) {
        LimitInfoHeader_element header = connection.getLimitInfoHeader();
        if (header == null || header.getLimitInfo() == null) {
            return;
        }
        for (LimitInfo info : header.getLimitInfo()) {
            if ("API REQUESTS".equalsIgnoreCase(info.getType())) {
                limits = new Limits(info.getCurrent(), info.getLimit());
            }
        }
    }

    private static void requireBatch(SObject[] records) {
        if (records.length == 0 || records.length > WriteBatches.MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("a DML call takes 1.." + WriteBatches.MAX_RECORDS_PER_CALL
                    + " records, got " + records.length);
        }
    }

    @Override
    public String toString() {
        TokenGrant grant = session.current().grant();
        return "SalesforceClient[org=" + grant.orgId() + ", instance=" + grant.instanceUrl() + ", state=" + state
                + ", maxConcurrentCalls=" + connections.max() + "]";
    }
}
