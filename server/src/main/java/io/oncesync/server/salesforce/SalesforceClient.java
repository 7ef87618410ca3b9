package io.oncesync.server.salesforce;

import com.sforce.soap.partner.Connector;
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
import com.sforce.ws.ConnectorConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The edge towards one org: a {@link PartnerConnection} whose session id is the OAuth access token and whose
 * auth and service endpoints are both {@code {instance_url}/services/Soap/u/65.0}, gzip on. Every call goes
 * through {@link #call}: on INVALID_SESSION_ID it renews the token once and retries once; if that fails the client
 * turns to {@link State#RECONNECT_NEEDED} and fails fast from then on instead of looping. Calls are serialised
 * because the connection's SOAP headers are shared state. HTTP goes through {@link NoRetryTransport}, so a dropped
 * connection never re-sends a create behind our back.
 */
public final class SalesforceClient {

    public enum State { ACTIVE, RECONNECT_NEEDED }

    /** One Partner call. */
    @FunctionalInterface
    interface Call<T> {
        T run(PartnerConnection connection) throws ConnectionException;
    }

    private static final int TIMEOUT_MILLIS = 120_000;

    private final PartnerConnection connection;
    private final TokenSource renewal;
    private final FaultTranslator faults;
    private final PausePolicy pauses;
    private final Clock clock;
    private TokenGrant grant;
    private State state = State.ACTIVE;
    private String reconnectReason = "";
    private long calls;
    private long limitCurrent = -1;
    private long limitMax = -1;

    private SalesforceClient(PartnerConnection connection, TokenGrant grant, TokenSource renewal, PausePolicy pauses,
                             Clock clock) {
        this.connection = connection;
        this.grant = grant;
        this.renewal = renewal;
        this.faults = new FaultTranslator(pauses);
        this.pauses = pauses;
        this.clock = clock;
    }

    /** Opens the connection for {@code grant}; no network call happens here. */
    public static SalesforceClient open(TokenGrant grant, TokenSource renewal, PausePolicy pauses, Clock clock) {
        Objects.requireNonNull(grant, "grant");
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(grant.accessToken().reveal());
        config.setAuthEndpoint(grant.soapEndpoint());
        config.setServiceEndpoint(grant.soapEndpoint());
        config.setCompression(true);
        config.setConnectionTimeout(TIMEOUT_MILLIS);
        config.setReadTimeout(TIMEOUT_MILLIS);
        java.net.http.HttpClient http = NoRetryTransport.client(config);
        config.setTransportFactory(() -> {
            NoRetryTransport t = new NoRetryTransport(http);
            t.setConfig(config);
            return t;
        });
        try {
            PartnerConnection pc = Connector.newConnection(config);
            // Alert-type duplicate rules may save; Block rules still fail and name the matched record.
            pc.setDuplicateRuleHeader(true, true, false);
            pc.setQueryOptions(2000);
            return new SalesforceClient(pc, grant, Objects.requireNonNull(renewal, "renewal"),
                    Objects.requireNonNull(pauses, "pauses"), Objects.requireNonNull(clock, "clock"));
        } catch (ConnectionException e) {
            throw new IllegalArgumentException("cannot configure the Partner connection for " + grant.soapEndpoint(), e);
        }
    }

    public synchronized State state() {
        return state;
    }

    public synchronized String reconnectReason() {
        return reconnectReason;
    }

    public synchronized ApiUsage usage() {
        return new ApiUsage(limitCurrent, limitMax, calls);
    }

    public synchronized String orgId() {
        return grant.orgId();
    }

    public synchronized String userId() {
        return grant.userId();
    }

    public synchronized String instanceUrl() {
        return grant.instanceUrl().toString();
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

    synchronized <T> T call(String operation, Call<T> call) throws SalesforceUnavailable {
        if (state == State.RECONNECT_NEEDED) {
            throw new SalesforceUnavailable.ReconnectNeeded(operation, reconnectReason, null);
        }
        if (limitMax > 0 && pauses.dailyApiReserve() > 0 && limitMax - limitCurrent <= pauses.dailyApiReserve()) {
            throw new SalesforceUnavailable.LimitReached(operation, "only " + (limitMax - limitCurrent) + " of " + limitMax
                    + " daily API requests left, the reserve is " + pauses.dailyApiReserve(),
                    clock.instant().plus(pauses.afterLimitReached()), null);
        }
        try {
            return attempt(call);
        } catch (ConnectionException first) {
            if (!FaultTranslator.isInvalidSession(first)) {
                throw faults.translate(operation, first, clock.instant());
            }
            renewSession(operation, first);
            try {
                return attempt(call);
            } catch (ConnectionException second) {
                if (FaultTranslator.isInvalidSession(second)) {
                    throw needReconnect(operation, "the renewed session was refused too", second);
                }
                throw faults.translate(operation, second, clock.instant());
            }
        }
    }

    private <T> T attempt(Call<T> call) throws ConnectionException {
        calls++;
        try {
            return call.run(connection);
        } finally {
            readLimitInfo();
        }
    }

    private void renewSession(String operation, ConnectionException cause) throws SalesforceUnavailable {
        try {
            grant = renewal.renew();
        } catch (OAuthException e) {
            if (e.isTransient()) {
                throw new SalesforceUnavailable.Unreachable(operation, "token refresh failed: " + e.getMessage(),
                        clock.instant().plus(pauses.afterUnreachable()), e);
            }
            throw needReconnect(operation, "session expired and the token refresh was refused (" + e.error() + ")", e);
        }
        ConnectorConfig config = connection.getConfig();
        config.setSessionId(grant.accessToken().reveal());
        config.setAuthEndpoint(grant.soapEndpoint());
        config.setServiceEndpoint(grant.soapEndpoint());
        connection.setSessionHeader(grant.accessToken().reveal());
    }

    private SalesforceUnavailable.ReconnectNeeded needReconnect(String operation, String reason, Throwable cause) {
        state = State.RECONNECT_NEEDED;
        reconnectReason = reason;
        return new SalesforceUnavailable.ReconnectNeeded(operation, reason, cause);
    }

    private void readLimitInfo() {
        LimitInfoHeader_element header = connection.getLimitInfoHeader();
        if (header == null || header.getLimitInfo() == null) {
            return;
        }
        for (LimitInfo info : header.getLimitInfo()) {
            if ("API REQUESTS".equalsIgnoreCase(info.getType())) {
                limitCurrent = info.getCurrent();
                limitMax = info.getLimit();
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
        return "SalesforceClient[org=" + grant.orgId() + ", instance=" + grant.instanceUrl() + ", state=" + state + "]";
    }
}
