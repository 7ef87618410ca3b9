package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.inbox.SharedRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's {@link Policies} on the newest rules version in the shared database, so all instances run the
 * same rules and settings. At start the first instance seeds version 1 from its own rules (RULES_DIR or the bundled
 * ones); every later instance takes the newest version instead of its local files. A new version is announced with
 * NOTIFY and also found by the once-a-second check; a version that does not load here is logged and skipped (the
 * previous one stays in force), and the next version is tried again.
 */
final class SharedPolicies implements RulePublisher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPolicies.class);

    private final Policies policies;
    private final SharedRules store;
    private final String instance;
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "oncesync-rules-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long refused;
    private volatile Map<String, String> files = Map.of();

    SharedPolicies(Policies policies, SharedRules store, String instance) {
        this.policies = policies;
        this.store = store;
        this.instance = instance;
    }

    /** Seeds the database with this instance's rules if it has none, then puts the newest version in force. */
    void start() {
        Map<String, String> local;
        try {
            local = policies.sourceFiles();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules to share: " + e.getMessage(), e);
        }
        policies.assumeCompiledFrom(local);
        store.publish(local, instance, true).ifPresent(v ->
                LOG.info("published this instance's rules as shared version {} ({} files)", v.version(), v.files().size()));
        refresh();
    }

    /** Looks for a newer version on a background thread (after a signal); repeated calls coalesce. */
    void refreshSoon() {
        if (queued.compareAndSet(false, true)) {
            applier.execute(() -> {
                queued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("could not check the shared rules: {}", e.getMessage());
                }
            });
        }
    }

    /** Puts the newest version in force if it is newer than the one in force. */
    synchronized void refresh() {
        long latest = store.latestVersion();
        if (latest <= policies.version() || latest == refused) {
            return;
        }
        Optional<SharedRules.Version> v = store.latest();
        if (v.isEmpty()) {
            return;
        }
        List<String> problems = policies.install(v.get().version(), v.get().files());
        if (problems.isEmpty()) {
            files = v.get().files();
            LOG.info("rules version {} (published by {} at {}) is in force", v.get().version(), v.get().publishedBy(),
                    v.get().publishedAt());
        } else {
            refused = v.get().version();
            LOG.error("rules version {} does not load on this instance; version {} stays in force:\n  {}",
                    v.get().version(), policies.version(), String.join("\n  ", problems));
        }
    }

    @Override
    public Map<String, String> files() {
        return files;
    }

    @Override
    public long version() {
        return policies.version();
    }

    @Override
    public synchronized List<String> publish(Map<String, String> newFiles) {
        SharedRules.Version v = store.publish(newFiles, instance, false).orElseThrow();
        List<String> problems = policies.install(v.version(), v.files());
        if (problems.isEmpty()) {
            files = v.files();
        } else {
            refused = v.version();
        }
        return problems;
    }

    @Override
    public void close() {
        applier.shutdownNow();
        try {
            applier.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
