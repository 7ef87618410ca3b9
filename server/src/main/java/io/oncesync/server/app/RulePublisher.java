package io.oncesync.server.app;

import java.util.List;
import java.util.Map;

/** Publishes rule changes to every instance sharing a database (see {@link SharedPolicies}). */
public interface RulePublisher {
    /** The files of the version in force (every {@code *.drl}, and {@code settings.yaml} when there is one). */
    Map<String, String> files();

    /** The version in force here. */
    long version();

    /**
     * Publishes {@code files} (already checked) as the next version and puts it in force on this instance before
     * returning; the others follow within a second. Returns the problems if it could not be put in force here.
     */
    List<String> publish(Map<String, String> files);
}
