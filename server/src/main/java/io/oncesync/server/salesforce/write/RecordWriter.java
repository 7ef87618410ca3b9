package io.oncesync.server.salesforce.write;

import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.ParallelCalls;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.lookup.ConvertedLeads;
import io.oncesync.server.salesforce.schema.ObjectSchema;
import io.oncesync.server.salesforce.schema.OrgSchema;
import io.oncesync.server.salesforce.schema.SchemaCache;

import com.sforce.soap.partner.DuplicateError;
import com.sforce.soap.partner.Error;
import com.sforce.soap.partner.MatchRecord;
import com.sforce.soap.partner.MatchResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.port.ActionOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Executes a list of writes in as few calls as possible: rounds of ready writes (those whose referenced records
 * have ids), a round's creates (of mixed types, sorted by type) and updates sent side by side, at most 200 records
 * per call. Each failed record is classified once by
 * {@link OutcomeClassifier}: contention is retried in the next round (bounded), a duplicate-rule block yields the
 * matched record, a converted Lead is followed to its Contact, anything else is a permanent {@link
 * ActionOutcome.Rejected}. Records that refer to a record which was not written are {@link
 * ActionOutcome.NotAttempted}. A {@code SaveResult} becomes an {@link ActionOutcome} here, once, and that value is
 * what the ledger, the trace and the event's outcome read.
 */
public final class RecordWriter {
    private final SalesforceClient client;
    private final SchemaCache schema;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxAttempts;

    public RecordWriter(SalesforceClient client, SchemaCache schema, Clock clock, Backoff backoff, int maxAttempts) {
        this.client = Objects.requireNonNull(client, "client");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public WriteReport write(List<RecordWrite> writes) {
        return write(writes, () -> false);
    }

    /**
     * As {@link #write(List)}, but asks {@code stop} before each round of calls: once it answers true, what is not
     * sent yet is {@link ActionOutcome.NotAttempted} (e.g. the meetings of people already written), so a batch the
     * worker pool gave up on stops writing beside its own retry.
     */
    public WriteReport write(List<RecordWrite> writes, BooleanSupplier stop) {
        Run run = new Run(validate(writes), stop);
        try {
            run.execute(schema.current());
            return run.report(Optional.empty());
        } catch (SalesforceUnavailable e) {
            return run.report(Optional.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.report(Optional.of(new SalesforceUnavailable.Unreachable("write", "interrupted",
                    clock.instant(), e)));
        }
    }

    private static Map<String, RecordWrite> validate(List<RecordWrite> writes) {
        Map<String, RecordWrite> byKey = new LinkedHashMap<>();
        for (RecordWrite w : writes) {
            if (byKey.put(w.key(), w) != null) {
                throw new IllegalArgumentException("write key '" + w.key() + "' appears twice");
            }
        }
        for (RecordWrite w : writes) {
            w.idsFrom().forEach((field, key) -> {
                if (!byKey.containsKey(key)) {
                    throw new IllegalArgumentException("write '" + w.key() + "': " + field + " refers to unknown write '" + key + "'");
                }
            });
        }
        return byKey;
    }

    /** The mutable state of one {@link #write} call. */
    private final class Run {
        private final Map<String, RecordWrite> plan;
        private final Map<String, RecordWrite> pending;
        private final Map<String, ActionOutcome> outcomes = new HashMap<>();
        private final Map<String, Integer> attempts = new HashMap<>();
        private final Map<String, String> followedLead = new HashMap<>();
        private final Set<String> followed = new HashSet<>();
        private final BooleanSupplier stop;

        Run(Map<String, RecordWrite> plan, BooleanSupplier stop) {
            this.plan = plan;
            this.pending = new LinkedHashMap<>(plan);
            this.stop = stop;
        }

        void execute(OrgSchema org) throws SalesforceUnavailable, InterruptedException {
            rejectUnknownFields(org);
            int round = 0;
            while (!pending.isEmpty()) {
                if (stop.getAsBoolean()) {
                    notAttempted("given up before it was sent: its batch was abandoned (time limit, shutdown or a"
                            + " lost claim)");
                    return;
                }
                List<RecordWrite> ready = readyWrites();
                if (ready.isEmpty()) {
                    notAttempted("circular references");
                    return;
                }
                List<RecordWrite> toFollow = new ArrayList<>();
                boolean retry = submit(ready, toFollow);
                if (!toFollow.isEmpty()) {
                    followConversions(toFollow, org);
                }
                if (retry) {
                    backoff.sleep(++round);
                }
            }
        }

        private void rejectUnknownFields(OrgSchema org) {
            for (RecordWrite w : plan.values()) {
                Optional<ObjectSchema> object = org.object(w.object().apiName());
                if (object.isEmpty()) {
                    continue;
                }
                Set<String> fields = new HashSet<>(w.values().keySet());
                fields.addAll(w.fieldsToNull());
                fields.addAll(w.idsFrom().keySet());
                List<String> unknown = fields.stream().filter(f -> !object.get().has(f)).sorted().toList();
                if (!unknown.isEmpty()) {
                    outcomes.put(w.key(), new ActionOutcome.Rejected(w.key(), w.object(), "INVALID_FIELD",
                            "No such field " + String.join(", ", unknown) + " on " + object.get().name(), unknown, false));
                    pending.remove(w.key());
                }
            }
        }

        private void notAttempted(String reason) {
            pending.values().forEach(w -> outcomes.put(w.key(), new ActionOutcome.NotAttempted(w.key(), w.object(), reason)));
            pending.clear();
        }

        private List<RecordWrite> readyWrites() {
            List<RecordWrite> ready = new ArrayList<>();
            boolean skippedAny;
            do {
                skippedAny = false;
                for (RecordWrite w : List.copyOf(pending.values())) {
                    Optional<String> failedRef = w.idsFrom().values().stream()
                            .filter(k -> outcomes.containsKey(k) && outcomes.get(k).savedId().isEmpty()).findFirst();
                    if (failedRef.isPresent()) {
                        outcomes.put(w.key(), new ActionOutcome.NotAttempted(w.key(), w.object(),
                                "referenced write '" + failedRef.get() + "' was not saved"));
                        pending.remove(w.key());
                        skippedAny = true;
                    }
                }
            } while (skippedAny);
            for (RecordWrite w : pending.values()) {
                if (w.idsFrom().values().stream().allMatch(k -> outcomes.containsKey(k) && outcomes.get(k).savedId().isPresent())) {
                    ready.add(w);
                }
            }
            return ready;
        }

        /**
         * Sends a round's creates and updates, at most 200 records per call, all calls side by side (they only refer
         * to ids of earlier rounds). Returns whether some record must be retried. When a call fails, the records of
         * the calls that succeeded are settled first, so the report says what was written.
         */
        private boolean submit(List<RecordWrite> ready, List<RecordWrite> toFollow) throws SalesforceUnavailable {
            Map<String, String> ids = new HashMap<>();
            outcomes.forEach((k, o) -> ids.put(k, o.savedId().orElse(null)));
            List<List<RecordWrite>> chunks = new ArrayList<>();
            List<ParallelCalls.Work<SaveResult[]>> calls = new ArrayList<>();
            for (RecordWrite.Kind kind : RecordWrite.Kind.values()) {
                List<RecordWrite> ofKind = ready.stream().filter(w -> w.kind() == kind)
                        .sorted(Comparator.comparing((RecordWrite w) -> w.object().apiName())).toList();
                for (List<RecordWrite> chunk : WriteBatches.chunks(ofKind, WriteBatches.MAX_RECORDS_PER_CALL)) {
                    SObject[] records = chunk.stream().map(w -> SObjects.toSObject(w, ids)).toArray(SObject[]::new);
                    chunks.add(chunk);
                    calls.add(kind == RecordWrite.Kind.CREATE ? () -> client.create(records) : () -> client.update(records));
                }
            }
            List<ParallelCalls.Result<SaveResult[]>> answers = ParallelCalls.run(calls);
            boolean retry = false;
            SalesforceUnavailable failure = null;
            for (int c = 0; c < chunks.size(); c++) {
                ParallelCalls.Result<SaveResult[]> answer = answers.get(c);
                if (!answer.ok()) {
                    failure = failure == null ? answer.failure() : failure;
                    continue;
                }
                List<RecordWrite> chunk = chunks.get(c);
                for (int i = 0; i < chunk.size(); i++) {
                    retry |= settle(chunk.get(i), i < answer.value().length ? answer.value()[i] : null, toFollow);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return retry;
        }

        private boolean settle(RecordWrite w, SaveResult r, List<RecordWrite> toFollow) {
            if (r != null && r.isSuccess()) {
                String lead = followedLead.get(w.key());
                ActionOutcome.How how = lead != null ? ActionOutcome.How.FOLLOWED_CONVERSION
                        : w.kind() == RecordWrite.Kind.CREATE ? ActionOutcome.How.CREATED : ActionOutcome.How.UPDATED;
                outcomes.put(w.key(), new ActionOutcome.Saved(w.key(), w.object(), r.getId(), how, lead));
                pending.remove(w.key());
                return false;
            }
            Error error = r == null || r.getErrors() == null || r.getErrors().length == 0 ? null : r.getErrors()[0];
            String code = error == null || error.getStatusCode() == null ? "UNKNOWN_EXCEPTION" : error.getStatusCode().name();
            String message = error == null ? "no result returned for this record" : error.getMessage();
            List<String> fields = error == null || error.getFields() == null ? List.of() : Arrays.asList(error.getFields());
            switch (OutcomeClassifier.classify(code)) {
                case RETRY -> {
                    int n = attempts.merge(w.key(), 1, Integer::sum);
                    if (n < maxAttempts) {
                        return true;
                    }
                    reject(w, rejected(w, code, message + " (after " + n + " attempts)", fields, true));
                }
                case USE_MATCHED_RECORD -> {
                    Optional<MatchRecord> match = bestMatch(error);
                    if (match.isPresent() && match.get().getRecord() != null && match.get().getRecord().getId() != null) {
                        outcomes.put(w.key(), new ActionOutcome.Saved(w.key(), w.object(),
                                match.get().getRecord().getId(), ActionOutcome.How.MATCHED_EXISTING,
                                ((DuplicateError) error).getDuplicateResult().getDuplicateRule()));
                        pending.remove(w.key());
                    } else {
                        reject(w, rejected(w, code, message, fields, false));
                    }
                }
                case FOLLOW_CONVERTED_CONTACT -> {
                    if (followed.contains(w.key())) {
                        reject(w, rejected(w, code, message, fields, false));
                    } else {
                        toFollow.add(w);
                    }
                }
                case PERMANENT -> reject(w, rejected(w, code, message, fields, false));
            }
            return false;
        }

        private static ActionOutcome.Rejected rejected(RecordWrite w, String code, String message, List<String> fields,
                                                       boolean retryable) {
            return new ActionOutcome.Rejected(w.key(), w.object(), code, message, fields, retryable);
        }

        private void reject(RecordWrite w, ActionOutcome.Rejected rejected) {
            outcomes.put(w.key(), rejected);
            pending.remove(w.key());
        }

        private void followConversions(List<RecordWrite> toFollow, OrgSchema org) throws SalesforceUnavailable {
            Map<String, String> resolved = new HashMap<>();
            outcomes.forEach((k, o) -> resolved.put(k, o.savedId().orElse(null)));
            Set<String> leadIds = new HashSet<>();
            for (RecordWrite w : toFollow) {
                leadIds.addAll(leadIdsIn(w, resolved));
            }
            Map<String, String> contactOf = ConvertedLeads.contacts(client, leadIds);
            for (RecordWrite w : toFollow) {
                Optional<RecordWrite> redirected = ConvertedLeads.follow(w, resolved, contactOf, org);
                if (redirected.isEmpty()) {
                    reject(w, rejected(w, "CANNOT_UPDATE_CONVERTED_LEAD",
                            "refers to a converted Lead whose Contact could not be found", List.of(), false));
                    continue;
                }
                // Followed once only; an update of the Lead itself is reported as applied to the Contact.
                followed.add(w.key());
                if (w.kind() == RecordWrite.Kind.UPDATE && w.object() == SObjectType.LEAD) {
                    followedLead.put(w.key(), w.id());
                }
                pending.put(w.key(), redirected.get());
            }
        }

        private Set<String> leadIdsIn(RecordWrite w, Map<String, String> resolved) {
            Set<String> ids = new HashSet<>();
            if (w.kind() == RecordWrite.Kind.UPDATE && w.object() == SObjectType.LEAD) {
                ids.add(w.id());
            }
            w.values().values().stream().filter(ConvertedLeads::isLeadId).forEach(v -> ids.add((String) v));
            w.idsFrom().values().stream().map(resolved::get).filter(ConvertedLeads::isLeadId).forEach(ids::add);
            return ids;
        }

        private Optional<MatchRecord> bestMatch(Error error) {
            if (!(error instanceof DuplicateError dup) || dup.getDuplicateResult() == null
                    || dup.getDuplicateResult().getMatchResults() == null) {
                return Optional.empty();
            }
            List<MatchRecord> all = new ArrayList<>();
            for (MatchResult m : dup.getDuplicateResult().getMatchResults()) {
                if (m.getMatchRecords() != null) {
                    all.addAll(Arrays.asList(m.getMatchRecords()));
                }
            }
            return all.stream().max(Comparator.comparingDouble(MatchRecord::getMatchConfidence));
        }

        WriteReport report(Optional<SalesforceUnavailable> interruption) {
            Map<String, ActionOutcome> ordered = new LinkedHashMap<>();
            plan.keySet().stream().filter(outcomes::containsKey).forEach(k -> ordered.put(k, outcomes.get(k)));
            return new WriteReport(ordered, interruption);
        }
    }
}
