package io.oncesync.server.salesforce;

import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.lookup.PersonLookup;
import io.oncesync.server.salesforce.schema.SchemaCache;
import io.oncesync.server.salesforce.write.RecordWriter;

import java.time.Clock;
import java.util.Objects;

/** Everything bound to one connected org: the client, its cached describe, the batched lookup and the writer. */
public final class OrgSession {
    /** Attempts per record under contention (UNABLE_TO_LOCK_ROW) before it is reported as a retryable rejection. */
    public static final int MAX_ATTEMPTS = 3;

    private final SalesforceClient client;
    private final SchemaCache schema;
    private final PersonLookup lookup;
    private final RecordWriter writer;

    public OrgSession(SalesforceClient client, Clock clock, Backoff backoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.schema = new SchemaCache(client, clock);
        this.lookup = new PersonLookup(client, schema);
        this.writer = new RecordWriter(client, schema, clock, backoff, MAX_ATTEMPTS);
    }

    public SalesforceClient client() {
        return client;
    }

    public SchemaCache schema() {
        return schema;
    }

    public PersonLookup lookup() {
        return lookup;
    }

    public RecordWriter writer() {
        return writer;
    }
}
