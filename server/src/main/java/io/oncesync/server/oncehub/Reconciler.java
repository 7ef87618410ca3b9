package io.oncesync.server.oncehub;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.server.inbox.Admission;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.inbox.WatermarkStore;
import io.oncesync.server.ingest.EventTriage;
import io.oncesync.server.ingest.Triage;
import io.oncesync.server.logging.LogContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches bookings updated since a durable watermark, page by page, and feeds every booking whose latest state the
 * ledger has not applied into the inbox as a synthetic event, through the same triage, dedupe and ordering as a
 * webhook. Whichever of the webhook and the poll is applied first wins; the other is then an older-or-equal
 * snapshot and is skipped, so a booking reaches Salesforce once. The watermark moves only after a whole pass, to
 * the newest {@code last_updated_time} seen; each pass starts a little before it ({@link #OVERLAP}) so updates
 * stamped with the same time are not missed. Blocking.
 */
public final class Reconciler {
    public static final String WATERMARK = "oncehub.bookings";
    public static final Duration OVERLAP = Duration.ofMinutes(1);
    public static final int PAGE_SIZE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** Progress after each page: bookings seen so far, and the newest update time reached. */
    public interface Progress {
        void page(int seen, Instant reached);
    }

    private final OnceHubClient client;
    private final InboxStore inbox;
    private final BookingLedger ledger;
    private final WatermarkStore watermarks;
    private final EventTriage triage;
    private final Clock clock;
    private final AtomicLong unreadableTotal = new AtomicLong();

    public Reconciler(OnceHubClient client, InboxStore inbox, BookingLedger ledger, WatermarkStore watermarks,
                      EventTriage triage, Clock clock) {
        this.client = client;
        this.inbox = inbox;
        this.ledger = ledger;
        this.watermarks = watermarks;
        this.triage = triage;
        this.clock = clock;
    }

    public Optional<Instant> watermark() {
        return watermarks.get(WATERMARK);
    }

    /**
     * The periodic pass: from the watermark (less the overlap). The first pass of an installation has no
     * watermark: it starts one at now, and what happened before needs {@code oncesync backfill --since}.
     */
    public ReconcileReport reconcileSinceWatermark() throws OnceHubException {
        Optional<Instant> mark = watermark();
        if (mark.isEmpty()) {
            Instant now = clock.instant();
            watermarks.advance(WATERMARK, now);
            LOG.info("OnceHub reconciliation starts from now ({}); use 'oncesync backfill --since DATE' for earlier bookings", now);
            return new ReconcileReport(now, 0, 0, 0, 0, 0, 0, 0, 0, Optional.of(now), Duration.ZERO);
        }
        return reconcile(mark.get().minus(OVERLAP), (seen, reached) -> { });
    }

    /** A pass over every booking updated after {@code since} (the backfill). */
    public ReconcileReport reconcile(Instant since, Progress progress) throws OnceHubException {
        long callsBefore = client.calls();
        long started = System.nanoTime();
        int pages = 0;
        int seen = 0;
        Counts counts = new Counts();
        Instant newest = null;
        OnceHubClient.BookingPage page = client.bookingsUpdatedAfter(since, PAGE_SIZE);
        while (true) {
            pages++;
            seen += page.bookings().size();
            newest = max(newest, feed(page.bookings(), counts));
            progress.page(seen, newest == null ? since : newest);
            Optional<URI> next = page.next();
            if (next.isEmpty()) {
                break;
            }
            page = client.bookingPage(next.get());
        }
        if (newest != null) {
            watermarks.advance(WATERMARK, newest);
        }
        ReconcileReport report = new ReconcileReport(since, pages, seen, counts.applied, counts.queued, counts.duplicates,
                counts.skipped, counts.unreadable, client.calls() - callsBefore, watermark(),
                Duration.ofNanos(System.nanoTime() - started));
        if (counts.unreadable > 0) {
            LOG.warn("OnceHub reconciliation: {}", report.summary());
        } else if (counts.queued > 0) {
            LOG.info("OnceHub reconciliation: {}", report.summary());
        }
        return report;
    }

    private static final class Counts {
        int applied;
        int queued;
        int duplicates;
        int skipped;
        int unreadable;
    }

    /** Admits one page's unapplied bookings (concurrently, so they share group commits); returns the newest time. */
    private Instant feed(List<JsonNode> bookings, Counts counts) {
        List<String> ids = bookings.stream().map(b -> b.path("id").asText("")).filter(s -> !s.isBlank()).toList();
        Map<String, LedgerEntry> applied = ledger.findAll(ids);
        List<CompletableFuture<Admission>> admissions = new ArrayList<>();
        Instant newest = null;
        for (JsonNode b : bookings) {
            Instant updated = instant(b.path("last_updated_time").asText(""));
            if (updated == null) {
                unreadable(b, "no readable last_updated_time", counts);
                continue;
            }
            newest = max(newest, updated);
            LedgerEntry entry = applied.get(b.path("id").asText());
            if (entry != null && entry.appliedUpdateAt() != null && !entry.appliedUpdateAt().isBefore(updated)) {
                counts.applied++;
                continue;
            }
            Optional<byte[]> body = SyntheticEvents.of(b);
            if (body.isEmpty()) {
                counts.skipped++;
                continue;
            }
            Triage t = triage.triage(body.get());
            if (t instanceof Triage.Store store) {
                admissions.add(inbox.admit(store.event()));
            } else if (t instanceof Triage.Malformed malformed) {
                unreadable(b, malformed.detail(), counts);
            }
        }
        for (CompletableFuture<Admission> a : admissions) {
            Admission admission;
            try {
                admission = a.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            if (admission.kind() == Admission.Kind.DUPLICATE) {
                counts.duplicates++;
            } else {
                counts.queued++;
            }
        }
        return newest;
    }

    /**
     * A booking the API returned that cannot become an event: nothing else will bring it (its webhook, if any, was
     * refused or lost), so it is logged by id with the reason and counted, for an operator to look at in OnceHub.
     */
    private void unreadable(JsonNode booking, String reason, Counts counts) {
        counts.unreadable++;
        unreadableTotal.incrementAndGet();
        String id = booking.path("id").asText("");
        try (LogContext ignored = LogContext.event(null, id.isBlank() ? null : id)) {
            LOG.warn("OnceHub reconciliation: booking {} from the API cannot be read and was not queued: {}",
                    id.isBlank() ? "(without an id)" : id, reason);
        }
    }

    /** Bookings the API returned that could not be read, since start (a metric). */
    public long unreadableTotal() {
        return unreadableTotal.get();
    }

    private static Instant instant(String s) {
        try {
            return s.isBlank() ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
