package io.oncesync.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /ready}: the service is ready when every check that gates accepting passes (the database takes writes,
 * the rules compiled). Other checks (Salesforce connected and syncing) only mark it degraded: webhooks are still
 * stored while Salesforce is paused or unreachable, so a load balancer must keep sending them. Each check answers
 * with a short reason so the JSON tells on-call what is wrong.
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

    /**
     * A named check; the supplier must not block for long (it runs off the event loop, but per request).
     *
     * @param gates whether the check being down makes the service not ready (false: only degraded)
     */
    public record Check(String name, Supplier<Status> probe, boolean gates) {
        /** A check that gates readiness. */
        public Check(String name, Supplier<Status> probe) {
            this(name, probe, true);
        }
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

    /** Ready to accept: every gating check is up (checks that only degrade are left out). */
    public boolean ready(Map<String, Status> statuses) {
        return checks.stream().filter(Check::gates).allMatch(c -> statuses.containsKey(c.name())
                && statuses.get(c.name()).up());
    }

    /** The names of the checks that are down but do not gate: the service accepts, degraded. */
    public List<String> degraded(Map<String, Status> statuses) {
        return checks.stream().filter(c -> !c.gates()).map(Check::name)
                .filter(n -> statuses.containsKey(n) && !statuses.get(n).up()).toList();
    }

    /** Whether the named check gates readiness. */
    public boolean gates(String name) {
        return checks.stream().anyMatch(c -> c.name().equals(name) && c.gates());
    }
}
