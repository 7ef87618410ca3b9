package io.oncesync.server.oncehub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.oncesync.server.ops.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OnceHub side of a running oncesync, on one background thread: the watcher checks the subscription every
 * watch interval and re-creates it when it is missing, disabled or points elsewhere (WARN line, metric, and the
 * {@code oncehub} readiness check down until the bookings missed meanwhile are reconciled); the poller reconciles
 * bookings updated since the watermark every poll interval.
 */
public final class OnceHubService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("oncesync.oncehub");

    private final Subscription subscription;
    private final Reconciler reconciler;
    private final ManagedSecrets secrets;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Readiness.Status> status =
            new AtomicReference<>(Readiness.Status.down("not checked yet"));
    private final AtomicInteger up = new AtomicInteger();
    private final MeterRegistry registry;
    private final OnceHubClient client;
    private volatile String repairNote;
    private volatile String lastRepair;
    private volatile Duration pollInterval = Duration.ofMinutes(15);
    private volatile Instant lastPollOk;
    private volatile String lastPollError;
    private volatile Duration watchInterval = Duration.ofMinutes(5);
    private volatile WatchPass lastWatch;
    private volatile ReconcilePass lastReconcile;
    private volatile KnownCalendars calendars;

    /** What one watcher pass found, the subscription it re-created if any, and why OnceHub could not be asked or re-creating failed. */
    public record WatchPass(Subscription.Health found, Optional<WebhookInfo> recreated, Optional<OnceHubException> failure,
                            Instant at) {
        /** The pass made the installation's first subscription: a creation, not a repair. */
        public boolean firstCreation() {
            return recreated.isPresent() && isFirstCreation(found);
        }
    }

    static boolean isFirstCreation(Subscription.Health h) {
        return h.state() == Subscription.State.MISSING && h.webhook().isEmpty() && h.detail().equals("no subscription yet");
    }

    /** The last reconciliation pass: when it ran, and its report or why it failed. */
    public record ReconcilePass(Instant at, Optional<ReconcileReport> report, Optional<String> error) {
    }

    /** The account's booking calendars as last listed, or why listing them failed. */
    public record KnownCalendars(Instant at, List<BookingCalendar> calendars, Optional<String> error) {
    }

    public OnceHubService(Subscription subscription, Reconciler reconciler, ManagedSecrets secrets, OnceHubClient client,
                          MeterRegistry registry, Clock clock) {
        this.subscription = subscription;
        this.reconciler = reconciler;
        this.secrets = secrets;
        this.clock = clock;
        this.registry = registry;
        this.client = client;
        this.lastPollOk = clock.instant();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oncesync-oncehub");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("oncesync_oncehub_subscription_up", up, AtomicInteger::get)
                .description("1 when the OnceHub webhook subscription exists, is active and points here").register(registry);
        FunctionCounter.builder("oncesync_oncehub_api_calls", client, OnceHubClient::calls)
                .description("OnceHub API requests made, retries included").register(registry);
        FunctionCounter.builder("oncesync_oncehub_bookings_unreadable", reconciler, Reconciler::unreadableTotal)
                .description("bookings the OnceHub API returned that reconciliation could not read (each logged by id)")
                .register(registry);
    }

    /** Starts the watcher and the poller (both run once at once). */
    public void start(Duration watchInterval, Duration pollInterval) {
        this.pollInterval = pollInterval;
        this.watchInterval = watchInterval;
        executor.scheduleWithFixedDelay(this::watch, 0, watchInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The {@code oncehub} readiness check: the subscription's state, and down as well when reconciliation has
     * failed for more than three poll intervals (bookings missed by webhooks would stay missed).
     */
    public Readiness.Status readiness() {
        Readiness.Status s = status.get();
        String error = lastPollError;
        Instant ok = lastPollOk;
        if (error != null && ok != null && ok.plus(pollInterval.multipliedBy(3)).isBefore(clock.instant())) {
            return Readiness.Status.down(s.detail() + "; reconciliation failing since " + ok + ": " + error);
        }
        return s;
    }

    /** The secrets the webhook endpoint accepts (configured plus managed). */
    public ManagedSecrets secrets() {
        return secrets;
    }

    public BookingCalendars bookingCalendars() {
        return client;
    }

    public Subscription subscription() {
        return subscription;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** One watcher pass; public so tests and the CLI can run it at once. */
    public Subscription.Health watch() {
        return pass(false).found();
    }

    /** One watcher pass now, for the admin: after any pass under way, on the service's thread, the calendars re-listed. */
    public WatchPass watchNow() throws OnceHubException {
        return OnceHubPasses.onThread(executor, () -> pass(true));
    }

    /** One reconciliation pass now, for the admin, on the service's thread; its report, or why it failed. */
    public ReconcileReport reconcileNow() throws OnceHubException {
        return OnceHubPasses.onThread(executor, this::reconcile);
    }

    /** A new signing secret now (the subscription re-created), accepted at once; the old one for the overlap window. */
    public Subscription.Rotation rotateSecretNow() throws OnceHubException {
        return OnceHubPasses.onThread(executor, () -> {
            Subscription.Rotation r = subscription.rotateSecret(secrets.overlap());
            secrets.refresh();
            lastWatch = new WatchPass(subscription.check(), Optional.of(r.webhook()), Optional.empty(), clock.instant());
            return r;
        });
    }

    public Optional<WatchPass> lastWatch() {
        return Optional.ofNullable(lastWatch);
    }

    public Optional<ReconcilePass> lastReconcile() {
        return Optional.ofNullable(lastReconcile);
    }

    public Optional<KnownCalendars> calendars() {
        return Optional.ofNullable(calendars);
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration watchInterval() {
        return watchInterval;
    }

    private WatchPass pass(boolean relistCalendars) {
        Subscription.Health h = subscription.check();
        WatchPass done = watchPass(h);
        lastWatch = done;
        KnownCalendars known = calendars;
        if (h.state() != Subscription.State.UNREACHABLE && (relistCalendars || known == null
                || known.at().plus(CALENDARS_MAX_AGE).isBefore(clock.instant()))) {
            calendars = OnceHubPasses.listCalendars(client, clock);
        }
        return done;
    }

    private static final Duration CALENDARS_MAX_AGE = Duration.ofHours(1);

    private WatchPass watchPass(Subscription.Health h) {
        Instant at = clock.instant();
        try {
            if (h.repairable()) {
                return new WatchPass(h, Optional.of(repair(h)), Optional.empty(), at);
            }
        } catch (OnceHubException | RuntimeException e) {
            LOG.warn("OnceHub subscription is {} and could not be re-created: {}", h.state(), e.getMessage());
            status.set(Readiness.Status.down(h.state() + ": " + h.detail() + "; re-creating failed: " + e.getMessage()));
            up.set(0);
            return new WatchPass(h, Optional.empty(), Optional.of(e instanceof OnceHubException o ? o
                    : new OnceHubException("re-creating the subscription failed: " + e.getMessage(), e)), at);
        }
        WatchPass done = new WatchPass(h, Optional.empty(), h.failure(), at);
        up.set(h.ok() ? 1 : 0);
        if (h.state() == Subscription.State.NOT_CONNECTED && !secrets.current().isEmpty()) {
            // Webhooks come from a subscription the admin made (ONCESYNC_WEBHOOK_SECRETS); the poll still runs.
            status.set(Readiness.Status.up("subscription not managed by oncesync (no ONCESYNC_PUBLIC_URL); webhooks are"
                    + " verified with the configured secrets; bookings are reconciled every poll"));
        } else if (!h.ok()) {
            if (h.state() == Subscription.State.NOT_CONNECTED) {
                LOG.info("OnceHub subscription: {}", h.detail());
            } else {
                LOG.warn("OnceHub subscription: {}: {}", h.state(), h.detail());
            }
            status.set(Readiness.Status.down(h.state() + ": " + h.detail()));
        } else if (repairNote == null) {
            status.set(Readiness.Status.up(h.detail() + (lastRepair == null ? "" : "; last repair: " + lastRepair)));
        }
        return done;
    }

    private WebhookInfo repair(Subscription.Health h) throws OnceHubException {
        boolean firstCreation = isFirstCreation(h);
        if (!firstCreation) {
            LOG.warn("OnceHub subscription {}: {}; re-creating it and reconciling the bookings missed meanwhile",
                    h.state().name().toLowerCase(Locale.ROOT), h.detail());
            Counter.builder("oncesync_oncehub_subscription_problems").description("Subscription problems the watcher found")
                    .tag("problem", h.state().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        }
        WebhookInfo created = subscription.repair(h);
        secrets.refresh();
        up.set(1);
        if (firstCreation) {
            LOG.info("created the OnceHub subscription {} for {}", created.id(), created.url());
            status.set(Readiness.Status.up(created.id() + " → " + created.url()));
            return created;
        }
        repairNote = "subscription was " + h.state().name().toLowerCase(Locale.ROOT) + " (" + h.detail() + "); re-created as "
                + created.id() + " at " + clock.instant();
        status.set(Readiness.Status.down(repairNote + "; reconciling the bookings missed meanwhile"));
        executor.execute(this::poll);
        return created;
    }

    /** One reconciliation pass from the watermark. */
    public void poll() {
        try {
            reconcile();
        } catch (OnceHubException | RuntimeException e) {
            LOG.warn("OnceHub reconciliation failed (the next poll retries from the same watermark): {}", e.getMessage());
        }
    }

    private ReconcileReport reconcile() throws OnceHubException {
        Instant at = clock.instant();
        try {
            ReconcileReport r = reconciler.reconcileSinceWatermark();
            lastPollOk = clock.instant();
            lastPollError = null;
            lastReconcile = new ReconcilePass(at, Optional.of(r), Optional.empty());
            Counter.builder("oncesync_oncehub_reconciled").description("Bookings the poll queued (missed by webhooks)")
                    .register(registry).increment(r.queued());
            String note = repairNote;
            if (note != null) {
                repairNote = null;
                lastRepair = note + "; reconciled: " + r.summary();
                status.set(Readiness.Status.up(lastRepair));
                LOG.warn("OnceHub subscription repaired and reconciled: {}", r.summary());
            }
            return r;
        } catch (OnceHubException | RuntimeException e) {
            lastPollError = e.getMessage();
            lastReconcile = new ReconcilePass(at, Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
            throw e;
        }
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
