package io.oncesync.server.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import com.sforce.ws.bind.HTMLResponseException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The call-level fault translator")
class FaultTranslatorTest {
    private static final Instant NOW = Instant.parse("2026-11-26T22:00:00Z");
    private final FaultTranslator translator =
            new FaultTranslator(new PausePolicy(Duration.ofMinutes(30), Duration.ofMinutes(1)));

    private static UnexpectedErrorFault fault(ExceptionCode code, String message) {
        UnexpectedErrorFault f = new UnexpectedErrorFault();
        f.setExceptionCode(code);
        f.setExceptionMessage(message);
        return f;
    }

    @Test
    @DisplayName("turns REQUEST_LIMIT_EXCEEDED into a pause with a resume time, not a failure")
    void limitIsAPause() {
        SalesforceUnavailable e = translator.translate("create",
                fault(ExceptionCode.REQUEST_LIMIT_EXCEEDED, "TotalRequests Limit exceeded."), NOW);
        assertThat(e.kind()).isEqualTo(SalesforceUnavailable.Kind.LIMIT_REACHED);
        assertThat(e.resumeAt()).contains(NOW.plus(Duration.ofMinutes(30)));
        assertThat(e.getMessage()).contains("create", "TotalRequests Limit exceeded.");
    }

    @Test
    @DisplayName("turns an HTML 503 page, a dropped connection and SERVER_UNAVAILABLE into a short pause")
    void outagesArePauses() {
        for (ConnectionException e : new ConnectionException[] {
                new HTMLResponseException("503 Service Unavailable"),
                new ConnectionException("Failed to send request", new SocketException("Connection reset")),
                fault(ExceptionCode.SERVER_UNAVAILABLE, "down for maintenance")}) {
            SalesforceUnavailable u = translator.translate("query", e, NOW);
            assertThat(u.kind()).as(e.toString()).isEqualTo(SalesforceUnavailable.Kind.UNREACHABLE);
            assertThat(u.resumeAt()).contains(NOW.plus(Duration.ofMinutes(1)));
        }
    }

    @Test
    @DisplayName("turns an expired session that reaches it into reconnect needed")
    void invalidSessionIsReconnect() {
        assertThat(translator.translate("query", fault(ExceptionCode.INVALID_SESSION_ID, "Illegal Session"), NOW).kind())
                .isEqualTo(SalesforceUnavailable.Kind.RECONNECT_NEEDED);
        assertThat(FaultTranslator.isInvalidSession(fault(ExceptionCode.INVALID_SESSION_ID, "x"))).isTrue();
        assertThat(FaultTranslator.isInvalidSession(fault(ExceptionCode.INVALID_FIELD, "x"))).isFalse();
    }

    @Test
    @DisplayName("names the exception code of a refused call such as a malformed query or unknown field")
    void refusedCallsNameTheCode() {
        MalformedQueryFault malformed = new MalformedQueryFault();
        malformed.setExceptionCode(ExceptionCode.MALFORMED_QUERY);
        malformed.setExceptionMessage("unexpected token: OR");
        InvalidFieldFault field = new InvalidFieldFault();
        field.setExceptionCode(ExceptionCode.INVALID_FIELD);
        field.setExceptionMessage("No such column 'Foo__c' on entity 'Lead'");
        SalesforceUnavailable a = translator.translate("query", malformed, NOW);
        SalesforceUnavailable b = translator.translate("query", field, NOW);
        assertThat(a).isInstanceOf(SalesforceUnavailable.CallRefused.class);
        assertThat(((SalesforceUnavailable.CallRefused) a).exceptionCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(((SalesforceUnavailable.CallRefused) b).exceptionCode()).isEqualTo("INVALID_FIELD");
        assertThat(b.getMessage()).isEqualTo("query: INVALID_FIELD: No such column 'Foo__c' on entity 'Lead'");
        assertThat(a.resumeAt()).isEmpty();
    }

    @Test
    @DisplayName("refuses a SOAP fault without detail by its fault code")
    void plainSoapFault() {
        SalesforceUnavailable u = translator.translate("search",
                new SoapFaultException(new QName("urn:x", "Client"), "bad"), NOW);
        assertThat(((SalesforceUnavailable.CallRefused) u).exceptionCode()).isEqualTo("Client");
    }
}
