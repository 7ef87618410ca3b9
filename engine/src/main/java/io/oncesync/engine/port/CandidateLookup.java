package io.oncesync.engine.port;

import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LookupRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the Leads and Contacts that may be the guest. Implemented by the Salesforce gateway; batching many
 * requests lets it answer with few queries.
 */
public interface CandidateLookup {

    /**
     * For each request, the Leads and Contacts whose Email equals one of its emails (case-insensitively), whose
     * Phone or MobilePhone is one of its phones (any formatting), or whose Id is one of its record ids, with at
     * least the request's fields selected. Every request is a key of the result (with an empty list when
     * nothing matched).
     */
    Map<LookupRequest, List<Candidate>> find(Collection<LookupRequest> requests) throws CallFailure;
}
