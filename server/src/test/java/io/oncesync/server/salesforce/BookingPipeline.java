package io.oncesync.server.salesforce;

import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.engine.port.LedgerEntries;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.sync.BatchDecider;
import io.oncesync.engine.sync.Delivery;
import io.oncesync.engine.sync.Verdict;
import io.oncesync.server.salesforce.write.PlanBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a worker does with a batch of webhooks, end to end through the engine's ports as the gateway implements
 * them: the engine's {@link BatchDecider} (ledger, one batched lookup with its follow-up, decide), one batched write,
 * the ledger; without the inbox. Used by the pipeline test and the API-call benchmark.
 */
final class BookingPipeline {
    static final RuleBook RULES = RuleBook.compileBundled().orThrow();
    static final Settings SETTINGS = SettingsLoader.bundled().orThrow();
    private static final String TEMPLATE = resource("booking-template.json");

    private final SalesforceGateway gateway;
    private final BookingLedger ledger;
    private final Settings settings;
    private final BatchDecider decider;

    BookingPipeline(SalesforceGateway gateway, BookingLedger ledger, Settings settings) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.settings = settings;
        this.decider = new BatchDecider(gateway.candidateLookup(), gateway.metadata(), ledger, EarlierMeetings.NONE)
                .decidingStaleSnapshots();
    }

    /** A booking webhook body from the template; {@code phone} may be empty, as may {@code email}. */
    static byte[] booking(String eventId, String type, String bookingId, String name, String email, String phone,
                          String start) {
        String json = TEMPLATE.replace("{{EVENT_ID}}", eventId).replace("{{TYPE}}", type)
                .replace("{{BOOKING_ID}}", bookingId).replace("{{NAME}}", name).replace("{{EMAIL}}", email)
                .replace("{{PHONE}}", phone).replace("{{COMPANY}}", "Guest Co").replace("{{START}}", start);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Decisions and their outcomes, per event, in order. */
    record Applied(List<Decision> decisions, PlanBatch batch) {
    }

    /**
     * Decides the bodies through the engine's one decision path (as the sync pipeline does; every snapshot is
     * decided, this ledger keeps no snapshot times), writes the executable decisions in one batched run and records
     * the ledger.
     */
    Applied apply(List<byte[]> bodies) throws CallFailure {
        List<Delivery> deliveries = bodies.stream().map(b -> Delivery.first(b, Instant.now())).toList();
        List<Verdict.Decided> decided = new ArrayList<>();
        for (Verdict v : decider.decide(deliveries, RULES, settings)) {
            if (v instanceof Verdict.Unreached u) {
                throw u.failure();
            }
            if (!(v instanceof Verdict.Decided d)) {
                throw new IllegalArgumentException("not decided: " + v);
            }
            decided.add(d);
        }
        List<Verdict.Decided> executable = decided.stream().filter(d -> d.decision().executable()).toList();
        PlanBatch batch = gateway.executeAll(executable.stream().map(Verdict.Decided::decision).toList());
        for (int k = 0; k < executable.size(); k++) {
            Verdict.Decided d = executable.get(k);
            Optional<List<ActionOutcome>> outcomes = batch.outcomes().get(k);
            Optional<String> bookingId = d.onceHubEvent().bookingId();
            if (outcomes.isPresent() && bookingId.isPresent()) {
                LedgerEntries.after(bookingId.get(), d.decision(), outcomes.get()).ifPresent(ledger::record);
            }
        }
        return new Applied(decided.stream().map(Verdict.Decided::decision).toList(), batch);
    }

    private static String resource(String name) {
        try (InputStream in = BookingPipeline.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
