/**
 * The Salesforce adapter. This package holds the call machinery every part shares: the gateway the rest of the
 * server talks to ({@link io.oncesync.server.salesforce.SalesforceGateway}), one org session with its Partner SOAP
 * connections and bounded parallel calls, fault translation and the pause policy. Per-record results are values,
 * the engine's {@link io.oncesync.engine.port.ActionOutcome}, made once from each {@code SaveResult}; only
 * call-level failures (limit reached, unreachable, reconnect needed, call refused) are exceptions, all subclasses
 * of {@link io.oncesync.server.salesforce.SalesforceUnavailable}.
 *
 * <p>The parts, each in its own package:
 * <ul>
 *   <li>{@code connect} — OAuth (web-server flow with PKCE, client credentials), the System Administrator check,
 *       the encrypted connection store;</li>
 *   <li>{@code schema} — describe results, the schema snapshot and cache, describe-driven mapping options;</li>
 *   <li>{@code lookup} — batched candidate lookup by email and phone, converted-Lead follow-up;</li>
 *   <li>{@code write} — batched creates and updates, the per-record outcome classifier, the booking ledger.</li>
 * </ul>
 */
package io.oncesync.server.salesforce;
