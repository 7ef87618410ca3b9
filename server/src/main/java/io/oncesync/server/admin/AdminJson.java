package io.oncesync.server.admin;

import io.oncesync.engine.rulebook.RuleProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.server.inbox.AuditEntry;
import io.oncesync.server.inbox.InboxEntry;
import io.oncesync.server.inbox.InboxStatus;
import io.oncesync.server.salesforce.ApiUsage;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.PipelineState;
import io.oncesync.scenarios.DecisionJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** The admin API's JSON shapes (the console shows the same dry runs and connection status). */
public final class AdminJson {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final Set<String> TRACE_KEYS = Set.of("rulesFired", "fieldOrigins", "fields");

    private AdminJson() {
    }

    static JsonObject summary(InboxEntry e) {
        return summary(e, null);
    }

    /**
     * One delivery for the list. While syncing is paused ({@code sync}), a waiting delivery shows as PAUSED, due
     * no earlier than the pause's end, with the pause's reason as its last error, instead of looking untouched.
     */
    static JsonObject summary(InboxEntry e, PipelineState sync) {
        boolean held = sync != null && sync.paused() && waiting(e);
        Instant next = held && sync.pausedUntil().isAfter(e.nextAttemptAt()) ? sync.pausedUntil() : e.nextAttemptAt();
        String error = held && e.lastError() == null ? "paused: " + sync.pauseReason() : e.lastError();
        return new JsonObject().put("id", e.id()).put("eventId", e.eventId()).put("type", e.type())
                .put("bookingId", e.bookingId()).put("guest", e.guestKey()).put("status", e.status().name())
                .put("state", held ? "PAUSED" : waitingState(e))
                .put("attempts", e.attempts()).put("receivedAt", text(e.receivedAt()))
                .put("nextAttemptAt", e.status().isOpen() ? text(next) : null)
                .put("finishedAt", text(e.finishedAt())).put("lastError", error);
    }

    private static boolean waiting(InboxEntry e) {
        return e.status() == InboxStatus.RECEIVED
                || e.status() == InboxStatus.RETRY;
    }

    /** Summary plus the payload, the stored decision split into plan and trace, and the Salesforce ids. */
    static JsonObject detail(InboxEntry e) {
        return detail(e, null);
    }

    static JsonObject detail(InboxEntry e, PipelineState sync) {
        JsonObject out = summary(e, sync);
        out.put("payload", payload(e.rawBody()));
        Object decision = parsed(e.decisionTrace());
        if (decision instanceof JsonObject d && d.containsKey("actions")) {
            JsonObject plan = d.copy();
            JsonObject trace = new JsonObject();
            TRACE_KEYS.forEach(k -> {
                if (plan.containsKey(k)) {
                    trace.put(k, plan.remove(k));
                }
            });
            out.put("plan", plan).put("trace", trace);
        } else {
            out.put("plan", null).put("trace", decision);
        }
        out.put("salesforce", new JsonObject().put("personId", e.personId()).put("recordIds", new JsonArray(e.recordIds())));
        out.put("errors", e.lastError() == null ? new JsonArray() : new JsonArray().add(e.lastError()));
        return out;
    }

    /** The body as JSON when it is JSON, else as text when it is UTF-8, else base64. */
    static Object payload(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Object json = parsed(text);
        if (json != null && !(json instanceof String)) {
            return json;
        }
        return StandardCharsets.UTF_8.newEncoder().canEncode(text) && !text.contains("\uFFFD")
                ? text : new JsonObject().put("base64", Base64.getEncoder().encodeToString(body));
    }

    private static Object parsed(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.startsWith("{")) {
                return new JsonObject(t);
            }
            if (t.startsWith("[")) {
                return new JsonArray(t);
            }
        } catch (RuntimeException e) {
            // not JSON after all: shown as text
        }
        return text;
    }

    static JsonObject audit(AuditEntry a) {
        return new JsonObject().put("id", a.id()).put("at", text(a.at())).put("actor", a.actor())
                .put("action", a.action()).put("target", a.target()).put("outcome", a.outcome()).put("detail", a.detail());
    }

    static JsonObject field(FieldMeta f) {
        JsonObject o = new JsonObject().put("name", f.name()).put("type", f.type().describeName())
                .put("length", f.length()).put("requiredOnCreate", f.requiredOnCreate())
                .put("createable", f.createable()).put("updateable", f.updateable());
        if (!f.picklistValues().isEmpty()) {
            o.put("picklistValues", new JsonArray(f.picklistValues())).put("restricted", f.restricted());
        }
        return o;
    }

    public static JsonObject status(SalesforceGateway.Status s) {
        JsonObject out = new JsonObject().put("state", s.state().name()).put("detail", s.detail())
                .put("apiVersion", io.oncesync.server.salesforce.ApiVersion.VALUE);
        s.connection().ifPresent(c -> out.put("org", new JsonObject().put("orgId", c.orgId())
                .put("organizationName", c.organizationName()).put("username", c.username())
                .put("userId", c.userId()).put("instanceUrl", c.instanceUrl()).put("loginHost", c.loginHost().uri().toString())
                .put("grant", c.grant().name()).put("connectedAt", text(c.connectedAt()))));
        out.put("apiUsage", usage(s.usage()));
        return out;
    }

    /**
     * What an open delivery waits for, for the list: PAUSED when a pause of syncing released it (its last error
     * says why), otherwise its status.
     */
    static String waitingState(InboxEntry e) {
        return e.status().isOpen() && e.lastError() != null && e.lastError().startsWith("paused: ") ? "PAUSED"
                : e.status().name();
    }

    /** Whether syncing to Salesforce runs or is paused (until when, why); webhooks are accepted either way. */
    static JsonObject sync(PipelineState s) {
        return new JsonObject().put("state", s.paused() ? "PAUSED" : "RUNNING")
                .put("pausedSince", text(s.pausedSince())).put("pausedUntil", text(s.pausedUntil()))
                .put("reason", s.pauseReason())
                .put("batchesInFlight", s.batchesInFlight());
    }

    static JsonObject usage(ApiUsage u) {
        boolean known = u.limit() >= 0;
        return new JsonObject().put("known", known).put("used", known ? u.current() : null)
                .put("limit", known ? u.limit() : null).put("remaining", known ? Math.max(0, u.limit() - u.current()) : null)
                .put("callsMadeByThisInstance", u.callsMade());
    }

    static JsonObject problem(RuleProblem p) {
        return new JsonObject().put("file", p.file()).put("line", p.line()).put("message", p.message())
                .put("text", p.toString());
    }

    public static JsonObject dryRun(DryRun.Outcome o) {
        JsonObject rendered = fromJackson(DecisionJson.render(o.parsed(), o.decision().orElse(null)));
        if (!(o.parsed() instanceof ParseResult.Accepted)) {
            return rendered;
        }
        o.event().ifPresent(e -> rendered.put("event", new JsonObject().put("id", e.id())
                .put("bookingId", e.bookingId().orElse(null)).put("guest", e.guestKey().orElse(null))));
        JsonArray found = new JsonArray();
        for (Candidate c : o.candidates()) {
            found.add(new JsonObject().put("object", c.object().apiName()).put("id", c.id())
                    .put("converted", c.converted()).put("fields", new JsonObject(new java.util.LinkedHashMap<>(c.values()))));
        }
        rendered.put("found", found);
        o.ledger().ifPresent(l -> rendered.put("ledger", new JsonObject().put("meeting", l.meetingObject().apiName() + " " + l.meetingId())
                .put("person", l.personId() == null ? null : l.personObject().apiName() + " " + l.personId())));
        return rendered;
    }

    static JsonObject fromJackson(JsonNode node) {
        try {
            return new JsonObject(JACKSON.writeValueAsString(node));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
