/**
 * The Salesforce adapter: OAuth connect (web-server flow with PKCE, client credentials), the Partner SOAP
 * connection with the OAuth access token as session id, the System Administrator check, describe-driven mapping
 * options, batched candidate lookup, batched writes with one per-record outcome classifier, the booking ledger and
 * the schema snapshot.
 *
 * <p>Per-record results are values ({@link io.oncesync.server.salesforce.RecordOutcome}); only call-level failures
 * (limit reached, unreachable, reconnect needed, call refused) are exceptions, all subclasses of
 * {@link io.oncesync.server.salesforce.SalesforceUnavailable}.
 */
package io.oncesync.server.salesforce;
