package io.oncesync.server.salesforce;

import io.oncesync.server.salesforce.write.PlanBatch;

import io.oncesync.engine.oncehub.OnceHubEvent;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.org.Candidate;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.LookupRequest;
import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.port.ActionOutcome;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker does with a batch of webhooks, end to end through the engine's ports as the gateway implements
 * them: ledger → lookup requests → one batched lookup (+ follow-up for converted Leads) → decide → one batched
 * write → ledger. Used by the pipeline test and the API-call benchmark.
 */
final class BookingPipeline {
    static final RuleBook RULES = RuleBook.compileBundled().orThrow();
    static final Settings SETTINGS = SettingsLoader.bundled().orThrow();
    private static final String TEMPLATE = resource("booking-template.json");

    private final SalesforceGateway gateway;
    private final BookingLedger ledger;
    private final Settings settings;

    BookingPipeline(SalesforceGateway gateway, BookingLedger ledger, Settings settings) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** A booking webhook from the template; {@code phone} may be empty, as may {@code email}. */
    static OnceHubEvent booking(String eventId, String type, String bookingId, String name, String email, String phone,
                                String start) {
        String json = TEMPLATE.replace("{{EVENT_ID}}", eventId).replace("{{TYPE}}", type)
                .replace("{{BOOKING_ID}}", bookingId).replace("{{NAME}}", name).replace("{{EMAIL}}", email)
                .replace("{{PHONE}}", phone).replace("{{COMPANY}}", "Guest Co").replace("{{START}}", start);
        ParseResult r = new WebhookParser().parse(json.getBytes(StandardCharsets.UTF_8));
        if (!(r instanceof ParseResult.Accepted a)) {
            throw new IllegalArgumentException("template did not parse: " + r);
        }
        return a.event();
    }

    /** Decisions and their outcomes, per event, in order. */
    record Applied(List<Decision> decisions, PlanBatch batch) {
    }

    Applied apply(List<OnceHubEvent> events) throws CallFailure {
        List<Optional<LedgerEntry>> entries = new ArrayList<>();
        List<LookupRequest> requests = new ArrayList<>();
        for (OnceHubEvent e : events) {
            Optional<LedgerEntry> entry = e.bookingId().flatMap(ledger::find);
            entries.add(entry);
            requests.add(LookupRequest.of(e, entry, settings));
        }
        Map<LookupRequest, List<Candidate>> found = new HashMap<>(gateway.candidateLookup().find(requests));
        List<LookupRequest> followUps = new ArrayList<>();
        Map<LookupRequest, LookupRequest> followUpOf = new HashMap<>();
        for (LookupRequest r : requests) {
            r.followUp(found.getOrDefault(r, List.of())).ifPresent(f -> {
                followUps.add(f);
                followUpOf.put(r, f);
            });
        }
        Map<LookupRequest, List<Candidate>> more = followUps.isEmpty() ? Map.of() : gateway.candidateLookup().find(followUps);
        OrgMetadata metadata = gateway.metadata().describe(EnumSet.allOf(SObjectType.class));
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<Candidate> candidates = new ArrayList<>(found.getOrDefault(requests.get(i), List.of()));
            LookupRequest f = followUpOf.get(requests.get(i));
            if (f != null) {
                candidates.addAll(more.getOrDefault(f, List.of()));
            }
            decisions.add(RULES.decide(events.get(i), new OrgState(candidates, metadata), entries.get(i), settings));
        }
        List<Decision> executable = decisions.stream().filter(Decision::executable).toList();
        PlanBatch batch = gateway.executeAll(executable);
        for (int i = 0, k = 0; i < events.size(); i++) {
            if (!decisions.get(i).executable()) {
                continue;
            }
            Optional<List<ActionOutcome>> outcomes = batch.outcomes().get(k++);
            String bookingId = events.get(i).bookingId().orElse(null);
            if (outcomes.isPresent() && bookingId != null) {
                io.oncesync.engine.port.LedgerEntries.after(bookingId, decisions.get(i), outcomes.get()).ifPresent(ledger::record);
            }
        }
        return new Applied(decisions, batch);
    }

    private static String resource(String name) {
        try (InputStream in = BookingPipeline.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
