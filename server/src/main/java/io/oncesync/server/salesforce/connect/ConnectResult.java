package io.oncesync.server.salesforce.connect;

import io.oncesync.server.salesforce.SalesforceClient;

import java.util.Objects;

/** The end of a connect attempt, as a value: connected (and recorded), or refused with a sentence for the admin. */
public sealed interface ConnectResult {

    record Connected(OrgConnection connection, SalesforceClient client) implements ConnectResult {
        public Connected {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(client, "client");
        }
    }

    record Refused(Reason reason, String message) implements ConnectResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Reason { UNKNOWN_OR_EXPIRED_STATE, AUTHORIZATION_DENIED, TOKEN_REFUSED, NOT_AN_ADMINISTRATOR }
}
