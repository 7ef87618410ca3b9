package io.oncesync.server.salesforce.lookup;

import com.sforce.soap.partner.sobject.SObject;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.plan.BookingStamp;
import io.oncesync.engine.port.CallFailure;
import io.oncesync.engine.port.EarlierMeetings;
import io.oncesync.server.salesforce.CallFailures;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The engine's {@link EarlierMeetings}: one SOQL query per meeting object for the whole batch, over the records
 * created since the earliest search's time, narrowed for Events to the guests' people and the planned start times
 * (Description is a long text area, which SOQL cannot filter), then matched on the {@link BookingStamp} the
 * Description carries. Cases are not narrowed: a Case has no start, and a new guest's Case no Contact yet.
 */
public final class EngineEarlierMeetings implements EarlierMeetings {
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15,18}");
    private static final Pattern DATE_TIME = Pattern.compile("[0-9]{4}-[0-9T:.Z+-]{6,35}");

    private final SalesforceGateway gateway;

    public EngineEarlierMeetings(SalesforceGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Map<String, String> find(Collection<Search> searches) throws CallFailure {
        Map<String, String> found = new LinkedHashMap<>();
        for (SObjectType object : List.of(SObjectType.EVENT, SObjectType.CASE)) {
            List<Search> ofObject = searches.stream().filter(s -> s.object() == object).toList();
            if (ofObject.isEmpty()) {
                continue;
            }
            List<SObject> rows;
            try {
                rows = gateway.session().client().query(soql(object, ofObject));
            } catch (SalesforceUnavailable e) {
                throw CallFailures.of(e);
            }
            for (Search s : ofObject) {
                rows.stream().filter(row -> row.getField(BookingStamp.FIELD) != null
                                && BookingStamp.carries(row.getField(BookingStamp.FIELD).toString(), s.bookingId()))
                        .findFirst().ifPresent(row -> found.putIfAbsent(s.bookingId(), row.getId()));
            }
        }
        return found;
    }

    static String soql(SObjectType object, List<Search> searches) {
        Instant earliest = searches.stream().map(Search::since).min(Instant::compareTo).orElseThrow();
        String where = "CreatedDate >= " + DateTimeFormatter.ISO_INSTANT.format(earliest.truncatedTo(ChronoUnit.SECONDS));
        if (object == SObjectType.EVENT) {
            List<String> conditions = new java.util.ArrayList<>();
            List<String> people = searches.stream().map(Search::personId)
                    .filter(id -> id != null && RECORD_ID.matcher(id).matches()).distinct().map(id -> "'" + id + "'").toList();
            if (!people.isEmpty()) {
                conditions.add("WhoId IN (" + String.join(", ", people) + ")");
            }
            List<String> starts = searches.stream().map(Search::start)
                    .filter(t -> t != null && DATE_TIME.matcher(t).matches()).distinct().toList();
            if (!starts.isEmpty()) {
                conditions.add("StartDateTime IN (" + String.join(", ", starts) + ")");
            }
            if (!conditions.isEmpty()) {
                where += " AND (" + String.join(" OR ", conditions) + ")";
            }
        }
        return "SELECT Id, " + BookingStamp.FIELD + " FROM " + object.apiName() + " WHERE " + where + " ORDER BY CreatedDate";
    }
}
