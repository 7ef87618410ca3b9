package io.oncesync.server.salesforce;

import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import com.sforce.ws.bind.HTMLResponseException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The one place where a failed Partner call becomes a {@link SalesforceUnavailable} of the right kind. */
final class FaultTranslator {
    /** Fault codes after which the same call may succeed later. */
    static final Set<ExceptionCode> TRANSIENT = EnumSet.of(
            ExceptionCode.SERVER_UNAVAILABLE, ExceptionCode.QUERY_TIMEOUT, ExceptionCode.REQUEST_RUNNING_TOO_LONG);

    private final PausePolicy pauses;

    FaultTranslator(PausePolicy pauses) {
        this.pauses = Objects.requireNonNull(pauses, "pauses");
    }

    static boolean isInvalidSession(ConnectionException e) {
        return e instanceof ApiFault fault && fault.getExceptionCode() == ExceptionCode.INVALID_SESSION_ID;
    }

    SalesforceUnavailable translate(String operation, ConnectionException e, Instant now) {
        if (e instanceof ApiFault fault) {
            ExceptionCode code = fault.getExceptionCode();
            String message = fault.getExceptionMessage() == null ? "" : fault.getExceptionMessage();
            if (code == ExceptionCode.REQUEST_LIMIT_EXCEEDED) {
                return new SalesforceUnavailable.LimitReached(operation, message, now.plus(pauses.afterLimitReached()), e);
            }
            if (code == ExceptionCode.INVALID_SESSION_ID) {
                return new SalesforceUnavailable.ReconnectNeeded(operation, message, e);
            }
            if (code != null && TRANSIENT.contains(code)) {
                return new SalesforceUnavailable.Unreachable(operation, code + ": " + message,
                        now.plus(pauses.afterUnreachable()), e);
            }
            return new SalesforceUnavailable.CallRefused(operation, code == null ? "UNKNOWN" : code.name(), message, e);
        }
        if (e instanceof HTMLResponseException) {
            return new SalesforceUnavailable.Unreachable(operation, "HTML error page instead of SOAP",
                    now.plus(pauses.afterUnreachable()), e);
        }
        if (e instanceof SoapFaultException soap) {
            return new SalesforceUnavailable.CallRefused(operation, soap.getFaultCode() == null ? "SOAP_FAULT" : soap.getFaultCode().getLocalPart(),
                    String.valueOf(soap.getMessage()), e);
        }
        return new SalesforceUnavailable.Unreachable(operation, String.valueOf(e.getMessage()),
                now.plus(pauses.afterUnreachable()), e);
    }
}
