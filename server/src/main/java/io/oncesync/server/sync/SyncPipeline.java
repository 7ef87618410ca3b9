package io.oncesync.server.sync;

import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.plan.BookingStamp;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.LedgerEntries;
import io.oncesync.engine.sync.BatchDecider;
import io.oncesync.engine.sync.Delivery;
import io.oncesync.engine.sync.Verdict;
import io.oncesync.server.policy.Policies;
import io.oncesync.server.inbox.InboxEvent;
import io.oncesync.server.logging.LogContext;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.ApiUsage;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.write.PlanBatch;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.work.EventProcessor;
import io.oncesync.server.work.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real pipeline for one claimed batch, in the order a reader follows it: {@link #decide} (parse, freshness
 * against the booking ledger, one batched lookup with its follow-up, describe, the rules: the engine's
 * {@link BatchDecider}, the one decision path dry runs and golden scenarios take too), {@link #write} every plan of
 * the batch through one batched writer run, {@link #record} the booking ledger, and answer one {@link Outcome} per
 * event.
 *
 * <p>A Salesforce outage, a reached API limit or a lost connection pauses the whole pipeline (events not written
 * are released, not failed). A plan the rules cannot execute, or a record Salesforce refuses permanently, becomes a
 * dead letter with the Salesforce error and the decision trace. An event that may have been tried before first
 * looks for the meeting record its earlier try may already have created (the meetings policy stamps every new
 * Event's or Case's Description with the booking, whatever the mappings say: {@link BookingStamp}), so a restart
 * never makes a second Event.
 */
public final class SyncPipeline implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("oncesync.sync");

    private final Policies policies;
    private final SalesforceGateway gateway;
    private final BookingLedger ledger;
    private final BatchDecider decider;
    private final Outcomes outcomes;
    private final SyncMetrics metrics;
    private final AtomicLong callsCounted = new AtomicLong();

    /** One decided event on its way to Salesforce. */
    private record Pending(InboxEvent inbox, Verdict.Decided verdict) {
    }

    public SyncPipeline(Policies policies, SalesforceGateway gateway, BookingLedger ledger, PausePolicy pauses, Clock clock,
                        SyncMetrics metrics) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.decider = new BatchDecider(gateway.candidateLookup(), gateway.metadata(), ledger, gateway.earlierMeetings());
        this.outcomes = new Outcomes(pauses, clock);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Map<Long, Outcome> process(List<InboxEvent> batch) {
        return process(batch, () -> false);
    }

    @Override
    public Map<Long, Outcome> process(List<InboxEvent> batch, BooleanSupplier abandoned) {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        try {
            List<Pending> pending = decide(batch, out);
            if (!pending.isEmpty() && abandoned.getAsBoolean()) {
                // Given up while deciding (a slow rule): the events are back in the inbox and their retry may be
                // running now; writing them here too could create a guest's record twice.
                LOG.warn("a batch of {} events (first {}) was given up while being decided; nothing of it is written",
                        batch.size(), batch.get(0).eventId());
                Outcome o = Outcome.retry("given up before writing (ONCESYNC_BATCH_TIMEOUT_SECONDS or shutdown)", null);
                pending.forEach(p -> out.put(p.inbox().id(), o));
            } else if (!pending.isEmpty()) {
                Optional<PlanBatch> written = write(pending, out, abandoned);
                written.ifPresent(w -> record(pending, w, out));
            }
        } finally {
            countApiCalls();
        }
        return out;
    }

    /** Parse, freshness, lookup, decide: what is not to be written is settled here, the rest returned. */
    private List<Pending> decide(List<InboxEvent> batch, Map<Long, Outcome> out) {
        Policies.Snapshot policy = policies.snapshot();
        List<Delivery> deliveries = batch.stream()
                .map(e -> new Delivery(e.rawBody(), e.attempts(), e.triedBefore(), e.receivedAt())).toList();
        List<Verdict> verdicts = decider.decide(deliveries, policy.rules(), policy.settings());
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Verdict v = verdicts.get(i);
            if (v instanceof Verdict.Decided d && d.kind() == Verdict.Kind.WRITE) {
                logRecovered(batch.get(i), d);
                pending.add(new Pending(batch.get(i), d));
            } else {
                settle(out, batch.get(i), outcomes.of(v));
            }
        }
        return pending;
    }

    /**
     * Every plan of the batch through one batched writer run, which sends no further round once the batch is
     * abandoned; empty (all settled) when the call failed.
     */
    private Optional<PlanBatch> write(List<Pending> pending, Map<Long, Outcome> out, BooleanSupplier abandoned) {
        try {
            return Optional.of(gateway.executeAll(pending.stream().map(p -> p.verdict().decision()).toList(), abandoned));
        } catch (CallFailure f) {
            Outcome o = outcomes.unavailable(f.getCause() instanceof SalesforceUnavailable su ? su : null, f.getMessage());
            pending.forEach(p -> settle(out, p.inbox(), o));
            return Optional.empty();
        }
    }

    /**
     * The booking ledger for the applied events, then every outcome: once an event is settled as applied, its
     * booking's ids must already be durable.
     */
    private void record(List<Pending> pending, PlanBatch written, Map<Long, Outcome> out) {
        List<LedgerEntry> entries = new ArrayList<>();
        Map<InboxEvent, Outcome> results = new LinkedHashMap<>();
        for (int slot = 0; slot < pending.size(); slot++) {
            Pending p = pending.get(slot);
            Optional<List<ActionOutcome>> done = written.outcomes().get(slot);
            if (done.isEmpty()) {
                SalesforceUnavailable cause = written.interruption().orElse(null);
                results.put(p.inbox(), outcomes.unavailable(cause, cause == null ? "the write was cut short" : cause.getMessage()));
                continue;
            }
            Verdict.Decided d = p.verdict();
            Outcome outcome = outcomes.written(d, done.get());
            if (outcome.kind() == Outcome.Kind.APPLIED) {
                d.onceHubEvent().bookingId().ifPresent(booking -> entries.add(LedgerEntries.recorded(booking, d.ledger(),
                        d.decision(), done.get(), d.onceHubEvent().data().lastUpdated())));
            }
            results.put(p.inbox(), outcome);
        }
        if (!entries.isEmpty()) {
            ledger.recordAll(entries);
        }
        results.forEach((inbox, o) -> settle(out, inbox, o));
    }

    /** Feeds the Salesforce calls made since the last batch, and the allowance left, to /metrics. */
    private void countApiCalls() {
        ApiUsage usage = gateway.status().usage();
        long made = usage.callsMade();
        long before = callsCounted.getAndUpdate(c -> Math.max(c, made));
        for (long i = before; i < made; i++) {
            metrics.apiCall(usage.current(), usage.limit());
        }
    }

    private static void logRecovered(InboxEvent ev, Verdict.Decided d) {
        d.recovered().values().forEach(id -> {
            try (LogContext ignored = LogContext.event(ev.eventId(), ev.bookingId())) {
                LOG.info("event={} booking={} found {} made by an earlier attempt; updating it instead of creating another",
                        ev.eventId(), ev.bookingId(), id);
            }
        });
    }

    private static void settle(Map<Long, Outcome> out, InboxEvent ev, Outcome o) {
        out.put(ev.id(), o);
        try (LogContext ignored = LogContext.event(ev.eventId(), ev.bookingId())) {
            String line = "event={} booking={} type={} attempt={} outcome={} {}";
            Object[] args = {ev.eventId(), ev.bookingId(), ev.type(), ev.attempts(), o.kind().name().toLowerCase(),
                    Outcomes.detail(o)};
            boolean trouble = switch (o.kind()) {
                case FAILED, RETRY -> true;
                case APPLIED, IGNORED, PAUSE -> false;
            };
            if (trouble) {
                LOG.warn(line, args);
            } else {
                LOG.info(line, args);
            }
        }
    }
}
