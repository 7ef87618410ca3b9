package io.oncesync.engine.rulebook;

import io.oncesync.engine.facts.FieldDecision;
import io.oncesync.engine.facts.Identified;
import io.oncesync.engine.facts.Invalid;
import io.oncesync.engine.facts.NoMeeting;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.SetAside;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.facts.Unidentified;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.OrgState;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.Contradiction;
import io.oncesync.engine.plan.Decision;
import io.oncesync.engine.plan.FieldOrigin;
import io.oncesync.engine.plan.FieldValue;
import io.oncesync.engine.plan.FiredRule;
import io.oncesync.engine.plan.Operation;
import io.oncesync.engine.plan.PlannedAction;
import io.oncesync.engine.plan.Provenance;
import io.oncesync.engine.plan.RecordChoice;
import io.oncesync.engine.plan.Trace;
import io.oncesync.engine.plan.ValidationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the derived facts of one session into a {@link Decision}: one person action and at most one meeting
 * action, field values resolved per field (a STAMP value overrides a LIFECYCLE one, which overrides the rest; two
 * different answers of equal precedence are a {@link Contradiction} naming both rules), values rendered for their
 * field types, failures collected.
 */
final class PlanAssembler {

    static final String PERSON = "person";
    static final String MEETING = "meeting";

    private final OrgState org;
    private final List<Object> derived;
    private final List<Contradiction> contradictions = new ArrayList<>();
    private final List<ValidationFailure> failures = new ArrayList<>();
    private final List<FieldOrigin> origins = new ArrayList<>();
    private final List<FieldDecision> decisions;

    private PlanAssembler(OrgState org, List<Object> derived) {
        this.org = org;
        this.derived = derived;
        this.decisions = all(FieldDecision.class);
    }

    static Decision assemble(String eventId, OrgState org, List<FiredRule> fired, List<Object> derived) {
        return new PlanAssembler(org, derived).build(eventId, fired);
    }

    private Decision build(String eventId, List<FiredRule> fired) {
        checkIdentity();
        Target person = single(Role.PERSON, "the guest's record");
        Target meeting = single(Role.MEETING, "the meeting's record");
        List<NoMeeting> none = all(NoMeeting.class);
        if (meeting != null && !none.isEmpty()) {
            contradictions.add(new Contradiction("the meeting", meeting.rule(), describe(meeting),
                    none.get(0).rule(), "no meeting record (" + none.get(0).reason() + ")"));
        }
        Map<String, FieldValue> personFields = fields(PERSON, person, person);
        Map<String, FieldValue> meetingFields = fields(MEETING, meeting, person);
        for (Invalid i : all(Invalid.class)) {
            failures.add(new ValidationFailure(i.object(), i.field(), i.reason(), i.rule()));
        }
        List<PlannedAction> actions = new ArrayList<>();
        addAction(actions, PERSON, person, personFields);
        addAction(actions, MEETING, meeting, meetingFields);
        origins.sort(Comparator.comparing((FieldOrigin o) -> o.actionKey().equals(PERSON) ? 0 : 1)
                .thenComparing(FieldOrigin::field));
        return new Decision(eventId, choice(person, PERSON), choice(meeting, MEETING), actions, failures, contradictions,
                new Trace(fired, origins));
    }

    private static RecordChoice choice(Target t, String key) {
        return t == null ? null : new RecordChoice(t.object(), t.recordId(), key);
    }

    private void checkIdentity() {
        List<Identified> ids = all(Identified.class);
        List<Unidentified> news = all(Unidentified.class);
        for (Identified other : ids) {
            Identified first = ids.get(0);
            if (!other.recordId().equals(first.recordId())) {
                contradictions.add(new Contradiction("the guest", first.rule(), first.object().apiName() + " "
                        + first.recordId(), other.rule(), other.object().apiName() + " " + other.recordId()));
            }
        }
        if (!ids.isEmpty() && !news.isEmpty()) {
            contradictions.add(new Contradiction("the guest", ids.get(0).rule(), ids.get(0).object().apiName() + " "
                    + ids.get(0).recordId(), news.get(0).rule(), "a new record"));
        }
    }

    private Target single(Role role, String subject) {
        Target first = null;
        for (Object o : derived) {
            if (o instanceof Target t && t.role() == role) {
                if (first == null) {
                    first = t;
                } else if (t.object() != first.object() || !java.util.Objects.equals(t.recordId(), first.recordId())) {
                    contradictions.add(new Contradiction(subject, first.rule(), describe(first), t.rule(), describe(t)));
                }
            }
        }
        return first;
    }

    private static String describe(Target t) {
        return t.isNew() ? "a new " + t.object().apiName() : t.object().apiName() + " " + t.recordId();
    }

    /** Resolves every field decided for {@code target}'s object, in field-name order. */
    private Map<String, FieldValue> fields(String key, Target target, Target person) {
        Map<String, FieldValue> out = new TreeMap<>();
        if (target == null) {
            return out;
        }
        Map<String, List<FieldDecision>> byField = new LinkedHashMap<>();
        for (FieldDecision d : decisions) {
            if (d.object() == target.object()) {
                byField.computeIfAbsent(d.field().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(d);
            }
        }
        for (List<FieldDecision> decisions : byField.values()) {
            // A value the repair policy set aside stays in the trace and takes no part in choosing the field's
            // value, so a fallback decided in its place (a required field) is written.
            List<FieldDecision> usable = new ArrayList<>();
            for (FieldDecision d : decisions) {
                SetAside aside = setAside(target.object(), d);
                if (aside == null) {
                    usable.add(d);
                } else {
                    origins.add(new FieldOrigin(key, target.object(), d.field(), text(d), Provenance.KEPT_SET_ASIDE,
                            aside.reason(), aside.rule()));
                }
            }
            FieldDecision winner = usable.isEmpty() ? null : resolve(target.object(), usable);
            if (winner != null) {
                record(key, target.object(), winner, person, out);
            }
        }
        return out;
    }

    /** The set-aside of this written value of this field, if the repair policy set it aside. */
    private SetAside setAside(SObjectType object, FieldDecision d) {
        if (!d.provenance().writes() || d.personLink()) {
            return null;
        }
        for (SetAside aside : all(SetAside.class)) {
            if (aside.object() == object && aside.field().equalsIgnoreCase(d.field())
                    && java.util.Objects.equals(aside.value(), text(d))) {
                return aside;
            }
        }
        return null;
    }

    private FieldDecision resolve(SObjectType object, List<FieldDecision> decisions) {
        int strongest = decisions.stream().mapToInt(d -> d.provenance().precedence()).max().orElse(0);
        List<FieldDecision> candidates = decisions.stream().filter(d -> d.provenance().precedence() == strongest).toList();
        FieldDecision first = candidates.get(0);
        for (FieldDecision other : candidates.subList(1, candidates.size())) {
            if (!sameAnswer(first, other)) {
                contradictions.add(new Contradiction(object.apiName() + "." + first.field(), first.rule(),
                        answer(first), other.rule(), answer(other)));
                return null;
            }
        }
        return first;
    }

    private static boolean sameAnswer(FieldDecision a, FieldDecision b) {
        return a.provenance().writes() == b.provenance().writes() && a.personLink() == b.personLink()
                && (!a.provenance().writes() || java.util.Objects.equals(text(a), text(b)));
    }

    private static String answer(FieldDecision d) {
        if (d.personLink()) {
            return "link to the guest";
        }
        return (d.provenance().writes() ? "write " : "keep ") + (text(d) == null ? "(unknown)" : "\"" + text(d) + "\"");
    }

    private static String text(FieldDecision d) {
        return d.value() == null ? null : d.value().asText();
    }

    private void record(String key, SObjectType object, FieldDecision d, Target person, Map<String, FieldValue> out) {
        if (!d.provenance().writes()) {
            origins.add(new FieldOrigin(key, object, d.field(), text(d), d.provenance(), d.source(), d.rule()));
            return;
        }
        if (d.personLink()) {
            if (person == null) {
                failures.add(new ValidationFailure(object, d.field(), "links to the guest, but no rule chose the guest's record", d.rule()));
                return;
            }
            FieldValue v = person.isNew() ? new FieldValue.ResultOf(PERSON) : new FieldValue.Literal(person.recordId());
            out.put(d.field(), v);
            origins.add(new FieldOrigin(key, object, d.field(), v.toString(), d.provenance(), d.source(), d.rule()));
            return;
        }
        FieldMeta meta = org.metadata().field(object, d.field()).orElse(null);
        ValueFormat.Rendered r = ValueFormat.render(d.value(), meta);
        if (r.problem() != null) {
            failures.add(new ValidationFailure(object, d.field(), r.problem(), d.rule()));
            return;
        }
        out.put(d.field(), new FieldValue.Literal(r.text()));
        origins.add(new FieldOrigin(key, object, d.field(), r.text(), d.provenance(), d.source(), d.rule()));
    }

    private static void addAction(List<PlannedAction> actions, String key, Target t, Map<String, FieldValue> fields) {
        if (t == null || (!t.isNew() && fields.isEmpty())) {
            return; // nothing to write to an existing record
        }
        actions.add(new PlannedAction(key, t.object(), t.isNew() ? Operation.CREATE : Operation.UPDATE, t.recordId(), fields));
    }

    private <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : derived) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }
}
