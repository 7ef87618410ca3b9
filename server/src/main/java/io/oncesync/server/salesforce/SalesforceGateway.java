package io.oncesync.server.salesforce;

import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.OrgConnection;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.lookup.EngineEarlierMeetings;
import io.oncesync.server.salesforce.lookup.EngineLookup;
import io.oncesync.server.salesforce.schema.EngineMetadata;
import io.oncesync.server.salesforce.schema.MappingOptions;
import io.oncesync.server.salesforce.schema.OrgSchema;
import io.oncesync.server.salesforce.write.EngineWriter;
import io.oncesync.server.salesforce.write.PlanBatch;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.CandidateLookup;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.engine.port.OrgMetadataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one object the server holds for Salesforce: the connector (connect, reconnect) and, once connected, the
 * {@link OrgSession} (client, cached describe, lookup, writer). After a restart the stored connection is reopened
 * on first use. Thread-safe; all methods that touch Salesforce block.
 */
public final class SalesforceGateway {

    /** What an admin sees on the status page. */
    public record Status(State state, Optional<OrgConnection> connection, String detail, ApiUsage usage) {
        public enum State { NOT_CONNECTED, CONNECTED, RECONNECT_NEEDED }
    }

    private final SalesforceConnector connector;
    private final Clock clock;
    private final Backoff backoff;
    private volatile OrgSession session;
    private String lastProblem = "";
    private final java.util.List<Runnable> slotListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SalesforceGateway(SalesforceConnector connector, Clock clock, Backoff backoff) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    public SalesforceConnector connector() {
        return connector;
    }

    /** The engine's candidate lookup port, answered by this gateway's current session. */
    public CandidateLookup candidateLookup() {
        return new EngineLookup(this);
    }

    /** The engine's port finding the meeting an earlier, unrecorded try of a delivery created. */
    public EarlierMeetings earlierMeetings() {
        return new EngineEarlierMeetings(this);
    }

    /**
     * Executes many decisions in shared calls (people of all decisions first, then their meetings, ≤200 records per
     * call): how the pipeline writes a batch.
     */
    public PlanBatch executeAll(List<io.oncesync.engine.plan.Decision> decisions) throws io.oncesync.engine.port.CallFailure {
        return new EngineWriter(this).executeAll(decisions);
    }

    /** As {@link #executeAll(List)}; no further round of calls is sent once {@code stop} answers true. */
    public PlanBatch executeAll(List<io.oncesync.engine.plan.Decision> decisions,
                                java.util.function.BooleanSupplier stop) throws io.oncesync.engine.port.CallFailure {
        return new EngineWriter(this).executeAll(decisions, stop);
    }

    /** The engine's org metadata port (cached describe; see {@link #refreshMetadata()}). */
    public OrgMetadataSource metadata() {
        return new EngineMetadata(this);
    }

    /** Describes the org again, e.g. after an admin added a field or picklist value. */
    public OrgSchema refreshMetadata() throws SalesforceUnavailable {
        return session().schema().refresh();
    }

    /**
     * The Connect page's mapping dropdowns: for every OnceHub property type, the fields of {@code object} it may
     * be mapped to (the engine's compatibility matrix over the org's describe), in describe order.
     */
    public Map<PropertyType, List<FieldMeta>>
            mappingOptions(SObjectType object) throws SalesforceUnavailable {
        return MappingOptions.of(EngineMetadata.convert(object, session().schema().current().require(object.apiName())));
    }

    /** The fields of {@code object} Salesforce requires on create, which the mapping must fill or give a fallback. */
    public List<FieldMeta> requiredFields(SObjectType object)
            throws SalesforceUnavailable {
        return EngineMetadata.convert(object, session().schema().current().require(object.apiName())).requiredOnCreate();
    }

    /** Takes the result of a connect; a refusal leaves the previous session (if any) in place. */
    public synchronized ConnectResult accept(ConnectResult result) {
        if (result instanceof ConnectResult.Connected c) {
            session = newSession(c.client());
            lastProblem = "";
        }
        return result;
    }

    /**
     * Another instance saved or cleared the shared connection: drop the session, so the next call reopens whatever is
     * stored now (a session in use by a batch finishes that batch).
     */
    public synchronized void storedConnectionChanged() {
        session = null;
        lastProblem = "";
    }

    /**
     * The session for the connected org, reopening a stored connection if needed. Lock-free once connected: every
     * worker asks for it before each call.
     *
     * @throws SalesforceUnavailable.ReconnectNeeded when nothing is connected or the connection can't be renewed
     */
    public OrgSession session() throws SalesforceUnavailable {
        OrgSession current = session;
        if (current != null && current.client().state() == SalesforceClient.State.ACTIVE) {
            return current;
        }
        return openSession();
    }

    private synchronized OrgSession openSession() throws SalesforceUnavailable {
        if (session != null && session.client().state() == SalesforceClient.State.ACTIVE) {
            return session;
        }
        if (session != null) {
            throw new SalesforceUnavailable.ReconnectNeeded("session", session.client().reconnectReason(), null);
        }
        try {
            Optional<SalesforceClient> reopened = connector.reopen();
            if (reopened.isEmpty()) {
                throw new SalesforceUnavailable.ReconnectNeeded("session", "no Salesforce org is connected yet", null);
            }
            session = newSession(reopened.get());
            return session;
        } catch (SalesforceUnavailable e) {
            lastProblem = e.getMessage();
            throw e;
        }
    }

    /**
     * Drops the session and the stored connection: syncing pauses (reconnect needed) until an admin connects again.
     * With the client-credentials flow the next sync connects again by itself.
     */
    public synchronized void disconnect() {
        session = null;
        lastProblem = "";
        connector.disconnect();
    }

    /** Whether the connected org's client has a free call slot now (true when nothing is connected yet). */
    public boolean hasFreeCallSlot() {
        OrgSession current = session;
        return current == null || current.client().callsInFlight() < current.client().maxConcurrentCalls();
    }

    /** Runs {@code listener} whenever a Salesforce call ends and frees its slot, on any session. */
    public void onCallSlotFreed(Runnable listener) {
        slotListeners.add(listener);
    }

    private OrgSession newSession(SalesforceClient client) {
        client.onCallSlotFreed(() -> slotListeners.forEach(Runnable::run));
        return new OrgSession(client, clock, backoff);
    }

    public synchronized Status status() {
        Optional<OrgConnection> stored = connector.connection();
        if (session != null && session.client().state() == SalesforceClient.State.RECONNECT_NEEDED) {
            return new Status(Status.State.RECONNECT_NEEDED, stored, session.client().reconnectReason(), session.client().usage());
        }
        if (session != null) {
            return new Status(Status.State.CONNECTED, stored, "", session.client().usage());
        }
        if (stored.isPresent() && !lastProblem.isEmpty()) {
            return new Status(Status.State.RECONNECT_NEEDED, stored, lastProblem, ApiUsage.UNKNOWN);
        }
        return new Status(stored.isPresent() ? Status.State.CONNECTED : Status.State.NOT_CONNECTED, stored,
                "", ApiUsage.UNKNOWN);
    }
}
