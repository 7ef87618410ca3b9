package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.facts.CaseCalendar;
import io.oncesync.engine.facts.Identified;
import io.oncesync.engine.facts.MatchKind;
import io.oncesync.engine.facts.MeetingPolicy;
import io.oncesync.engine.facts.NoMeeting;
import io.oncesync.engine.facts.Occurrence;
import io.oncesync.engine.facts.PersonPolicy;
import io.oncesync.engine.facts.Role;
import io.oncesync.engine.facts.Target;
import io.oncesync.engine.facts.Unidentified;
import io.oncesync.engine.oncehub.EventType;
import io.oncesync.engine.oncehub.Source;
import io.oncesync.engine.org.LedgerEntry;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.MatchPreference;
import io.oncesync.engine.settings.MeetingMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObjectChoicePolicyTest {

    private static final PolicyHarness POLICY = PolicyHarness.of("object-choice");

    private static final Source SUPPORT = new Source(Source.Kind.BOOKING_CALENDAR, "BKC-SUP", "Support desk");
    private static final Source SALES = new Source(Source.Kind.BOOKING_CALENDAR, "BKC-SAL", null);
    private static final PersonPolicy NEW_AS_CONTACT = new PersonPolicy(SObjectType.CONTACT, MatchPreference.CONTACT);
    private static final MeetingPolicy CASES = new MeetingPolicy(MeetingMode.CASES_FOR_SELECTED_CALENDARS);

    private static Occurrence booking(EventType type, Source source) {
        return new Occurrence(type, "BKNG-1", source);
    }

    @Test
    @DisplayName("an identified guest is updated; an unidentified one becomes the admin's chosen object")
    void person() {
        var known = POLICY.run(new Identified(SObjectType.LEAD, "00QA", MatchKind.EMAIL, "r"), NEW_AS_CONTACT);
        assertThat(known.fired()).containsExactly("Choose the identified record for the guest");
        assertThat(known.derived(Target.class)).containsExactly(
                new Target(Role.PERSON, SObjectType.LEAD, "00QA", "Choose the identified record for the guest"));
        var unknown = POLICY.run(new Unidentified("x", "r"), NEW_AS_CONTACT,
                new io.oncesync.engine.facts.Identifier(io.oncesync.engine.facts.Identifier.Kind.EMAIL, "jo@example.com", "interaction"));
        assertThat(unknown.derived(Target.class)).containsExactly(new Target(Role.PERSON, SObjectType.CONTACT, null,
                "Choose a new record of the admin's chosen object for the guest"));
    }

    @Test
    @DisplayName("Events for all: a new booking gets a new Event")
    void eventForAll() {
        var o = POLICY.run(booking(EventType.BOOKING_SCHEDULED, SUPPORT), new MeetingPolicy(MeetingMode.EVENTS),
                new CaseCalendar("Support desk"));
        assertThat(o.fired()).containsExactly("Choose a new Event for every new meeting");
        assertThat(o.derived(Target.class)).extracting(Target::object).containsExactly(SObjectType.EVENT);
    }

    @Test
    @DisplayName("Cases for selected calendars: matched by name or id; other calendars get Events")
    void casesByCalendar() {
        var byName = POLICY.run(booking(EventType.BOOKING_SCHEDULED, SUPPORT), CASES, new CaseCalendar("support DESK"),
                new CaseCalendar("BKC-SUP"));
        assertThat(byName.fired()).containsExactly("Choose a new Case for a new meeting from a selected booking calendar");
        assertThat(byName.derived(Target.class)).extracting(Target::object).containsExactly(SObjectType.CASE);
        var other = POLICY.run(booking(EventType.BOOKING_SCHEDULED, SALES), CASES, new CaseCalendar("BKC-SUP"));
        assertThat(other.fired()).containsExactly("Choose a new Event for a new meeting from any other booking calendar");
    }

    @Test
    @DisplayName("a booking the ledger knows keeps its record, whatever the settings say now")
    void ledger() {
        var o = POLICY.run(booking(EventType.BOOKING_RESCHEDULED, SUPPORT), CASES, new CaseCalendar("BKC-SUP"),
                new LedgerEntry("BKNG-1", SObjectType.EVENT, "00UA", null, null));
        assertThat(o.fired()).containsExactly("Choose the record already made for this booking");
        assertThat(o.derived(Target.class)).containsExactly(new Target(Role.MEETING, SObjectType.EVENT, "00UA",
                "Choose the record already made for this booking"));
    }

    @Test
    @DisplayName("a cancellation of a booking never recorded, and a conversation, make no meeting record")
    void noMeeting() {
        var canceled = POLICY.run(booking(EventType.BOOKING_CANCELED, SUPPORT), new MeetingPolicy(MeetingMode.EVENTS));
        assertThat(canceled.fired()).containsExactly("Choose no meeting record for a canceled booking never recorded");
        assertThat(canceled.derived(Target.class)).isEmpty();
        var chat = POLICY.run(new Occurrence(EventType.CONVERSATION_CLOSED, null, new Source(Source.Kind.CHATBOT, "BOT-1", "Bot")),
                new MeetingPolicy(MeetingMode.EVENTS));
        assertThat(chat.derived(NoMeeting.class)).singleElement().extracting(NoMeeting::reason)
                .isEqualTo("a conversation is not a meeting");
    }

    @Test
    @DisplayName("an unidentified guest who gave nothing at all is not recorded; a name alone is enough to create")
    void nothingToRecord() {
        var anonymous = POLICY.run(new Unidentified("x", "r"), NEW_AS_CONTACT);
        assertThat(anonymous.fired()).containsExactly("Choose no record for a guest who gave nothing to record");
        assertThat(anonymous.derived(Target.class)).isEmpty();
        var named = POLICY.run(new Unidentified("x", "r"), NEW_AS_CONTACT, new io.oncesync.engine.facts.IncomingValue(
                io.oncesync.engine.facts.Scope.CONTACT, "full_name", io.oncesync.engine.oncehub.PropertyValue.text("Jo")));
        assertThat(named.fired()).containsExactly("Choose a new record of the admin's chosen object for the guest");
    }
}
