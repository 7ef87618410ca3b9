package io.oncesync.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The numbers an on-call engineer watches, exported at {@code /metrics} in Prometheus format.
 * One instance per process; the ingestion route, the workers and the Salesforce adapter record into it.
 */
public final class SyncMetrics {
    /** What became of one webhook delivery at the HTTP edge. */
    public enum Delivery { ACCEPTED, DUPLICATE, REJECTED, IGNORED }

    /** What became of one event in the workers. */
    public enum Outcome { PROCESSED, FAILED, RETRIED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] deliveries = new Counter[Delivery.values().length];
    private final Counter[] outcomes = new Counter[Outcome.values().length];
    private final Timer acceptLatency;
    private final Timer syncLatency;
    private final Counter apiCalls;
    private final AtomicLong apiRemaining = new AtomicLong(-1);
    private final AtomicLong rulesVersion = new AtomicLong();
    private final Counter takenOver;

    public SyncMetrics() {
        for (Delivery d : Delivery.values()) {
            deliveries[d.ordinal()] = Counter.builder("oncesync_webhooks")
                    .description("Webhook deliveries by what the endpoint answered")
                    .tag("result", d.name().toLowerCase()).register(registry);
        }
        for (Outcome o : Outcome.values()) {
            outcomes[o.ordinal()] = Counter.builder("oncesync_events")
                    .description("Events handled by the workers, by outcome")
                    .tag("outcome", o.name().toLowerCase()).register(registry);
        }
        acceptLatency = Timer.builder("oncesync_accept_latency").description("Webhook receipt to durable commit")
                .publishPercentileHistogram().register(registry);
        syncLatency = Timer.builder("oncesync_sync_latency").description("Durable commit to applied in Salesforce")
                .publishPercentileHistogram().register(registry);
        apiCalls = Counter.builder("oncesync_salesforce_api_calls").description("Salesforce API calls made")
                .register(registry);
        Gauge.builder("oncesync_salesforce_api_remaining", apiRemaining, AtomicLong::get)
                .description("Daily API calls left, from the last LimitInfoHeader (-1 = unknown)").register(registry);
        takenOver = Counter.builder("oncesync_events_taken_over")
                .description("Claimed events of instances that stopped heartbeating, freed by this instance")
                .register(registry);
        Gauge.builder("oncesync_rules_version", rulesVersion, AtomicLong::get)
                .description("The rules and settings version in force on this instance (0: its own rules)").register(registry);
    }

    /**
     * The rules version in force (0: rules from this instance's directory or jar), as the info metric
     * {@code oncesync_rules_version_info{version="N"} 1}: instances disagreeing show as several series.
     */
    public void rulesVersion(long version) {
        rulesVersion.set(version);
    }

    /** Registers the gauge of live instances on the shared database, as this instance last saw them. */
    public void instances(LongSupplier live) {
        Gauge.builder("oncesync_instances", live::getAsLong)
                .description("Live oncesync instances on the shared database").register(registry);
    }

    public void takenOver(int events) {
        takenOver.increment(events);
    }

    public void delivery(Delivery d) {
        deliveries[d.ordinal()].increment();
    }

    public void outcome(Outcome o) {
        outcomes[o.ordinal()].increment();
    }

    public void acceptLatency(Duration d) {
        acceptLatency.record(d);
    }

    public void syncLatency(Duration d) {
        syncLatency.record(d);
    }

    /** Records one Salesforce call and what the org reported as used and allowed. */
    public void apiCall(long used, long limit) {
        apiCalls.increment();
        if (limit > 0) {
            apiRemaining.set(Math.max(0, limit - used));
        }
    }

    /**
     * Registers the pause gauges: {@code oncesync_sync_paused} is 1 while syncing to Salesforce is paused (webhooks
     * are still accepted), {@code oncesync_sync_pause_remaining_seconds} how long until it resumes by itself.
     */
    public void pause(Supplier<Instant> pausedUntil, Clock clock) {
        Gauge.builder("oncesync_sync_paused", () -> pausedUntil.get() == null ? 0 : 1)
                .description("1 while syncing to Salesforce is paused; webhooks are still accepted").register(registry);
        Gauge.builder("oncesync_sync_pause_remaining_seconds", () -> {
            Instant until = pausedUntil.get();
            return until == null ? 0 : Math.max(0, Duration.between(clock.instant(), until).toMillis() / 1000.0);
        }).description("Seconds until a pause of syncing ends by itself").register(registry);
    }

    /** Registers the backlog gauge: events received and not yet applied, ignored or dead. */
    public void backlog(LongSupplier pending) {
        Gauge.builder("oncesync_backlog", pending::getAsLong).description("Events waiting to be applied")
                .register(registry);
    }

    public double count(Delivery d) {
        return deliveries[d.ordinal()].count();
    }

    public double count(Outcome o) {
        return outcomes[o.ordinal()].count();
    }

    /** The registry behind /metrics, for parts that register their own meters (the OnceHub watcher). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        // Micrometer drops the _info suffix of gauge names; the info metric is written here instead.
        return registry.scrape() + "# HELP oncesync_rules_version_info The rules and settings version in force on this"
                + " instance, as a label\n# TYPE oncesync_rules_version_info gauge\noncesync_rules_version_info{version=\""
                + rulesVersion.get() + "\"} 1\n";
    }
}
