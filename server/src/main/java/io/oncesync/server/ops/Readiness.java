package io.oncesync.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /ready}: the service is ready when every check passes (database reachable, rules compiled,
 * Salesforce connected). Each check answers with a short reason so the JSON tells on-call what is wrong.
 */
public final class Readiness {
    /** One check's answer. */
    public record Status(boolean up, String detail) {
        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }

    /** A named check; the supplier must not block for long (it runs off the event loop, but per request). */
    public record Check(String name, Supplier<Status> probe) {
    }

    private final List<Check> checks;

    public Readiness(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Runs every check; a check that throws is down with the exception's message. */
    public Map<String, Status> evaluate() {
        Map<String, Status> out = new LinkedHashMap<>();
        for (Check c : checks) {
            Status s;
            try {
                s = c.probe().get();
            } catch (RuntimeException e) {
                s = Status.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.put(c.name(), s);
        }
        return out;
    }

    public static boolean allUp(Map<String, Status> statuses) {
        return statuses.values().stream().allMatch(Status::up);
    }
}
