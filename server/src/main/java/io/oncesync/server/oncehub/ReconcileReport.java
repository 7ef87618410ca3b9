package io.oncesync.server.oncehub;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one reconciliation pass did.
 *
 * @param since          bookings updated after this were fetched
 * @param pages          pages fetched
 * @param seen           bookings fetched
 * @param alreadyApplied bookings whose state (or a newer one) the ledger says was applied
 * @param queued         synthetic events newly stored in the inbox
 * @param duplicates     synthetic events the inbox already had (fetched earlier, not applied yet)
 * @param skipped        bookings no webhook would announce (requested, unknown status)
 * @param unreadable     bookings that cannot become an event (malformed, no readable update time): each logged by id
 * @param apiCalls       OnceHub API requests, retries included
 * @param watermark      the watermark after the pass, if any booking was ever seen
 */
public record ReconcileReport(Instant since, int pages, int seen, int alreadyApplied, int queued, int duplicates,
                              int skipped, int unreadable, long apiCalls, Optional<Instant> watermark, Duration took) {
    public String summary() {
        return seen + " bookings updated since " + since + " in " + pages + " pages (" + apiCalls + " OnceHub API calls, "
                + took.toMillis() + " ms): " + queued + " queued for Salesforce, " + alreadyApplied + " already applied, "
                + duplicates + " already queued, " + skipped + " skipped"
                + (unreadable > 0 ? ", " + unreadable + " unreadable (each logged with its booking id and the reason)" : "");
    }
}
