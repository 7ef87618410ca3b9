package io.oncesync.server.salesforce.schema;

import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.lookup.QueryText;

import com.sforce.soap.partner.DescribeSObjectResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The org's describe of Lead, Contact, Event and Case, fetched with one {@code describeSObjects} call on first use
 * and kept until {@link #refresh()} (an admin changed fields or picklists).
 */
public final class SchemaCache {
    private final SalesforceClient client;
    private final Clock clock;
    private final List<String> objects;
    private volatile OrgSchema schema;

    public SchemaCache(SalesforceClient client, Clock clock) {
        this(client, clock, OrgSchema.OBJECTS);
    }

    public SchemaCache(SalesforceClient client, Clock clock, List<String> objects) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.objects = List.copyOf(objects);
        objects.forEach(QueryText::identifier);
    }

    public OrgSchema current() throws SalesforceUnavailable {
        OrgSchema s = schema;
        return s != null ? s : refresh();
    }

    public synchronized OrgSchema refresh() throws SalesforceUnavailable {
        DescribeSObjectResult[] results = client.describe(objects.toArray(String[]::new));
        List<ObjectSchema> described = new ArrayList<>();
        for (DescribeSObjectResult r : results) {
            described.add(ObjectSchema.of(r));
        }
        java.util.Map<String, ObjectSchema> byName = new java.util.LinkedHashMap<>();
        described.forEach(o -> byName.put(o.name(), o));
        schema = new OrgSchema(byName, clock.instant());
        return schema;
    }
}
