package io.oncesync.server.salesforce.lookup;

import io.oncesync.server.salesforce.ParallelCalls;
import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.schema.FieldSchema;
import io.oncesync.server.salesforce.schema.ObjectSchema;
import io.oncesync.server.salesforce.schema.OrgSchema;
import io.oncesync.server.salesforce.schema.SchemaCache;
import io.oncesync.server.salesforce.write.SObjects;

import com.sforce.soap.partner.sobject.SObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the Leads and Contacts of a whole batch of guests in as few calls as possible: one SOQL per object for all
 * emails ({@code Email IN (…)}, which Salesforce compares case-insensitively) and one SOSL {@code IN PHONE FIELDS}
 * for all phones (digits only, so formatting does not matter), all sent at once (one round trip). Results are matched back to the requested values
 * here, so a broad search can never widen what counts as a match.
 */
public final class PersonLookup {
    /** Longest IN list, in characters, before the emails are split over another query. */
    static final int MAX_IN_LIST_CHARS = 16_000;
    /** Longest SOSL search term list. */
    static final int MAX_FIND_CHARS = 3_800;
    /** Email fields are 80 characters; anything longer cannot match. */
    static final int MAX_EMAIL_LENGTH = 80;

    private static final List<String> PHONE_FIELDS = List.of("Phone", "MobilePhone");

    private final SalesforceClient client;
    private final SchemaCache schema;

    public PersonLookup(SalesforceClient client, SchemaCache schema) {
        this.client = Objects.requireNonNull(client, "client");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public PersonMatches find(PersonQuery request) throws SalesforceUnavailable {
        OrgSchema org = schema.current();
        Set<String> ignored = new TreeSet<>();
        Map<String, List<String>> selects = new LinkedHashMap<>();
        request.fieldsByObject().forEach((object, fields) -> selects.put(object, selectList(org, object, fields, ignored)));

        List<String> emails = request.emails().stream().filter(Objects::nonNull).map(PersonMatches::emailKey)
                .filter(e -> !e.isEmpty() && e.length() <= MAX_EMAIL_LENGTH).distinct().sorted().toList();
        List<List<String>> emailChunks = chunkByLength(emails.stream().map(QueryText::soqlString).toList(), MAX_IN_LIST_CHARS);
        // Every query and search below is independent of the others: they go to Salesforce side by side, so a
        // booking's lookup costs one round trip however many objects and phones it asks about.
        List<Search> searches = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : selects.entrySet()) {
            String prefix = keyPrefix(org, e.getKey());
            List<String> ids = request.recordIds().stream().filter(id -> id.startsWith(prefix)).sorted().toList();
            List<String> conditions = new ArrayList<>();
            for (List<String> chunk : emailChunks) {
                conditions.add("Email IN (" + String.join(", ", chunk) + ")");
            }
            if (!ids.isEmpty()) {
                // Ids ride along with the first email chunk: one query per object whenever the batch allows.
                String byIds = "Id IN (" + String.join(", ", ids.stream().map(QueryText::soqlId).toList()) + ")";
                if (conditions.isEmpty()) {
                    conditions.add(byIds);
                } else {
                    conditions.set(0, conditions.get(0) + " OR " + byIds);
                }
            }
            for (String where : conditions) {
                String soql = "SELECT " + String.join(", ", e.getValue()) + " FROM " + e.getKey() + " WHERE " + where;
                searches.add(new Search(e.getKey(), ids, () -> client.query(soql)));
            }
        }
        List<String> digits = request.phones().stream().map(PhoneNumber::searchable).flatMap(Optional::stream)
                .distinct().sorted().toList();
        for (String sosl : phoneSearches(digits, selects)) {
            searches.add(new Search(null, List.of(), () -> client.search(sosl)));
        }
        List<List<SObject>> answers = ParallelCalls.all(searches.stream().map(Search::work).toList());

        Map<String, List<FoundRecord>> byEmail = new HashMap<>();
        Map<String, FoundRecord> byId = new HashMap<>();
        Map<String, List<FoundRecord>> byPhone = new HashMap<>();
        Set<String> seenPhones = new HashSet<>();
        for (int i = 0; i < searches.size(); i++) {
            Search search = searches.get(i);
            if (search.object() == null) {
                matchPhones(answers.get(i), digits, selects, byPhone, seenPhones);
                continue;
            }
            for (SObject row : answers.get(i)) {
                FoundRecord found = found(search.object(), row, selects.get(search.object()));
                String email = found.text("Email");
                if (email != null && emails.contains(PersonMatches.emailKey(email))) {
                    byEmail.computeIfAbsent(PersonMatches.emailKey(email), k -> new ArrayList<>()).add(found);
                }
                if (search.ids().stream().anyMatch(id -> sameId(id, found.id()))) {
                    byId.put(found.id(), found);
                    byId.put(found.id().substring(0, 15), found);
                }
            }
        }
        return new PersonMatches(newestFirst(byEmail), newestFirst(byPhone), byId, ignored);
    }

    /** One query or search of a lookup; {@code object} is null for a phone search over every person object. */
    private record Search(String object, List<String> ids, ParallelCalls.Work<List<SObject>> work) {
    }

    private static List<String> phoneSearches(List<String> digits, Map<String, List<String>> selects) {
        if (digits.isEmpty()) {
            return List.of();
        }
        StringBuilder returning = new StringBuilder();
        for (Map.Entry<String, List<String>> e : selects.entrySet()) {
            returning.append(returning.length() == 0 ? "" : ", ").append(e.getKey())
                    .append('(').append(String.join(", ", e.getValue())).append(')');
        }
        List<String> out = new ArrayList<>();
        for (List<String> chunk : chunkByLength(digits.stream().map(QueryText::soslDigits).toList(), MAX_FIND_CHARS)) {
            out.add("FIND {" + String.join(" OR ", chunk) + "} IN PHONE FIELDS RETURNING " + returning);
        }
        return out;
    }

    private static void matchPhones(List<SObject> rows, List<String> digits, Map<String, List<String>> selects,
                                    Map<String, List<FoundRecord>> byPhone, Set<String> seen) {
        for (SObject row : rows) {
            String type = row.getType();
            List<String> select = selects.entrySet().stream().filter(s -> s.getKey().equalsIgnoreCase(type))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of("Id"));
            FoundRecord found = found(type, row, select);
            for (String wanted : digits) {
                boolean matches = PHONE_FIELDS.stream().map(found::text).anyMatch(p -> PhoneNumber.sameNumber(p, wanted));
                if (matches && seen.add(wanted + "/" + found.id())) {
                    byPhone.computeIfAbsent(wanted, k -> new ArrayList<>()).add(found);
                }
            }
        }
    }

    private static String keyPrefix(OrgSchema org, String object) {
        return org.object(object).map(ObjectSchema::keyPrefix).filter(p -> p != null && !p.isBlank())
                .orElse(object.equalsIgnoreCase("Lead") ? "00Q" : object.equalsIgnoreCase("Contact") ? "003" : "???");
    }

    static boolean sameId(String a, String b) {
        return a != null && b != null && a.length() >= 15 && b.length() >= 15 && a.substring(0, 15).equals(b.substring(0, 15));
    }

    /** Id, the fields every decision needs, then the mapped fields the object really has. */
    private static List<String> selectList(OrgSchema org, String object, Set<String> mapped, Set<String> ignored) {
        Optional<ObjectSchema> schema = org.object(object);
        Set<String> base = new LinkedHashSet<>(List.of("Id", "LastModifiedDate", "Email", "Phone", "MobilePhone"));
        if (object.equalsIgnoreCase("Lead")) {
            base.add("IsConverted");
            base.add("ConvertedContactId");
        }
        List<String> select = new ArrayList<>();
        Set<String> lower = new HashSet<>();
        for (String f : base) {
            if (schema.map(s -> s.has(f)).orElse(true) && lower.add(f.toLowerCase(Locale.ROOT))) {
                select.add(f);
            }
        }
        for (String f : mapped.stream().sorted().toList()) {
            Optional<String> name = schema.isPresent() ? schema.get().field(f).map(FieldSchema::name) : Optional.of(f);
            if (name.isEmpty()) {
                ignored.add(object + "." + f);
            } else if (lower.add(name.get().toLowerCase(Locale.ROOT))) {
                select.add(name.get());
            }
        }
        return select;
    }

    private static FoundRecord found(String type, SObject row, List<String> select) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String f : select) {
            if (!f.equals("Id")) {
                values.put(f, row.getField(f));
            }
        }
        String converted = SObjects.text(row, "ConvertedContactId");
        return new FoundRecord(type, row.getId(), instant(row.getField("LastModifiedDate")),
                "true".equalsIgnoreCase(SObjects.text(row, "IsConverted")),
                Optional.ofNullable(converted).filter(s -> !s.isBlank()), values);
    }

    static Instant instant(Object value) {
        if (value instanceof Calendar c) {
            return c.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            return Instant.EPOCH;
        }
        String s = value.toString();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException again) {
                return Instant.EPOCH;
            }
        }
    }

    private static Map<String, List<FoundRecord>> newestFirst(Map<String, List<FoundRecord>> in) {
        Map<String, List<FoundRecord>> out = new HashMap<>();
        in.forEach((k, v) -> out.put(k, v.stream()
                .sorted(Comparator.comparing(FoundRecord::lastModified).reversed().thenComparing(FoundRecord::id))
                .toList()));
        return out;
    }

    static List<List<String>> chunkByLength(List<String> items, int maxChars) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String item : items) {
            if (!current.isEmpty() && length + item.length() + 4 > maxChars) {
                chunks.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(item);
            length += item.length() + 4;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
