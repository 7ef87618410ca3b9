package io.oncesync.engine.org;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway found in the org for one event: the candidates its lookup returned (any order) and the
 * metadata of the four objects. Built by the gateway from a {@link LookupRequest}.
 */
public record OrgState(List<Candidate> candidates, OrgMetadata metadata) {
    public OrgState {
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(metadata, "metadata");
    }
}
