package io.oncesync.server.ingest;

import io.oncesync.server.inbox.Admission;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.InboxUnavailable;
import io.oncesync.server.inbox.IncomingEvent;
import io.oncesync.server.http.Problem;
import io.oncesync.server.logging.LogContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/oncehub}: verify, triage, durably store, then 200. The handler does only CPU work on the event
 * loop (HMAC, UTF-8 and JSON checks); the commit runs on the inbox's writer thread.
 *
 * <p>Before a byte of the body is buffered, the declared length is checked against the body limit (413) and the
 * signature header's shape and timestamp against the tolerance (401); the body is then read under the shared
 * in-flight budget and the request timeout of {@link HttpLimits} (503 with Retry-After, 408).
 */
public final class WebhookRoutes {
    public static final String PATH = "/webhooks/oncehub";
    public static final String SIGNATURE_HEADER = "Oncehub-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

    private final SignatureVerifier verifier;
    private final EventTriage triage;
    private final InboxStore inbox;
    private final long bodyLimit;
    private final HttpLimits limits;
    private final BoundedBody reader;

    private WebhookRoutes(SignatureVerifier verifier, EventTriage triage, InboxStore inbox, long bodyLimit,
                          HttpLimits limits, InflightBudget budget) {
        this.verifier = verifier;
        this.triage = triage;
        this.inbox = inbox;
        this.bodyLimit = bodyLimit;
        this.limits = limits;
        this.reader = new BoundedBody(bodyLimit, budget, limits.requestTimeout().toMillis());
    }

    /** Adds the webhook route with the default {@link HttpLimits}. */
    public static void mount(Router router, SignatureVerifier verifier, EventTriage triage, InboxStore inbox,
                             long bodyLimit) {
        mount(router, verifier, triage, inbox, bodyLimit, HttpLimits.defaults());
    }

    /**
     * Adds the webhook route (with its own body limit, in-flight budget and request timeout) to a router that may
     * serve other routes too. Returns the budget, so its use can be watched.
     */
    public static InflightBudget mount(Router router, SignatureVerifier verifier, EventTriage triage, InboxStore inbox,
                                       long bodyLimit, HttpLimits limits) {
        InflightBudget budget = new InflightBudget(limits.maxInflightBytes());
        WebhookRoutes routes = new WebhookRoutes(verifier, triage, inbox, bodyLimit, limits, budget);
        router.post(PATH)
                .handler(routes::read)
                .failureHandler(routes::fail);
        return budget;
    }

    private void read(RoutingContext ctx) {
        reader.read(ctx, this::precheck, this::receive, this::refused);
    }

    /** The signature header and its timestamp, before the body is read. */
    private boolean precheck(RoutingContext ctx) {
        var rejected = verifier.precheck(ctx.request().getHeader(SIGNATURE_HEADER));
        if (rejected.isPresent()) {
            respond(ctx, invalidSignature(rejected.get().reason()));
            return false;
        }
        return true;
    }

    private void refused(RoutingContext ctx, BoundedBody.Refusal refusal) {
        switch (refusal) {
            case TOO_LARGE -> respond(ctx, tooLarge(bodyLimit));
            case BUDGET_EXHAUSTED -> {
                ctx.response().putHeader("Retry-After", "5");
                respond(ctx, busy("too many webhook bodies are being received at once; try again shortly"));
            }
            case TIMED_OUT -> respond(ctx, timeout(limits.requestTimeout()));
        }
    }

    private void receive(RoutingContext ctx, byte[] body) {
        // Vert.x looks headers up case-insensitively, so "OnceHub-Signature" works too.
        Verdict verdict = verifier.verify(ctx.request().getHeader(SIGNATURE_HEADER), body);
        if (verdict instanceof Verdict.Rejected rejected) {
            respond(ctx, invalidSignature(rejected.reason()));
            return;
        }
        Triage result = triage.triage(body);
        if (result instanceof Triage.Malformed malformed) {
            respond(ctx, malformed(malformed.detail()));
            return;
        }
        IncomingEvent event = ((Triage.Store) result).event();
        Future.fromCompletionStage(inbox.admit(event), ctx.vertx().getOrCreateContext())
                .onSuccess(admission -> acknowledge(ctx, event, admission))
                .onFailure(failure -> notStored(ctx, event, failure));
    }

    private static void acknowledge(RoutingContext ctx, IncomingEvent event, Admission admission) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("eventId", event.eventId())
                        .put("status", admission.kind().name().toLowerCase(Locale.ROOT)).encode());
    }

    private static void notStored(RoutingContext ctx, IncomingEvent event, Throwable failure) {
        if (failure instanceof InboxUnavailable unavailable && unavailable.overloaded()) {
            ctx.response().putHeader("Retry-After", "1");
            respond(ctx, unavailable("the inbox is busy; the event was not stored"));
            return;
        }
        try (LogContext ignored = LogContext.event(event.eventId(), event.bookingId())) {
            LOG.error("event {} was not stored: {}", event.eventId(), failure.getMessage());
        }
        respond(ctx, unavailable("the event could not be stored durably; it was not acknowledged"));
    }

    private void fail(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            respond(ctx, tooLarge(bodyLimit));
        } else if (status == 400) {
            respond(ctx, malformed("the request could not be read"));
        } else {
            LOG.error("webhook request failed", ctx.failure());
            respond(ctx, internal("the webhook could not be handled; it was not acknowledged"));
        }
    }

    private static void respond(RoutingContext ctx, Problem problem) {
        problem.send(ctx);
    }

    // The webhook's problems: what OnceHub (or whoever posts) reads in its delivery log.

    private static Problem invalidSignature(String detail) {
        return Problem.of(401, "invalid-signature", "Invalid webhook signature", detail);
    }

    private static Problem malformed(String detail) {
        return Problem.of(400, "malformed-event", "Malformed webhook event", detail);
    }

    private static Problem tooLarge(long limitBytes) {
        return Problem.of(413, "body-too-large", "Webhook body too large", "the body exceeds the limit of " + limitBytes
                + " bytes");
    }

    private static Problem unavailable(String detail) {
        return Problem.of(503, "inbox-unavailable", "Event not stored, try again", detail);
    }

    private static Problem busy(String detail) {
        return Problem.of(503, "busy", "Too busy, try again", detail);
    }

    private static Problem timeout(Duration limit) {
        return Problem.of(408, "request-timeout", "Request body too slow", "the body did not arrive within "
                + limit.toSeconds() + " seconds");
    }

    private static Problem internal(String detail) {
        return Problem.of(500, "internal-error", "Internal error", detail);
    }
}
