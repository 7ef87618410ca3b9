package io.oncesync.server.app;

import io.oncesync.server.policy.Policies;
import io.oncesync.server.config.Config;
import io.oncesync.server.inbox.InboxDatabase;
import io.oncesync.server.inbox.InboxStore;
import io.oncesync.server.ops.Readiness;
import io.oncesync.server.ops.SyncMetrics;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.WorkerPool;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** What a running oncesync holds, for {@link RouteModule}s and tests. */
public interface AppServices {
    Config config();

    Vertx vertx();

    /** The inbox (deliveries, replay). Blocking: call off the event loop. */
    InboxStore inbox();

    /** The database behind the inbox and the ledger (the admin API's audit log and delivery search). Blocking. */
    InboxDatabase database();

    /** The booking ledger. Blocking. */
    io.oncesync.engine.port.BookingLedger ledger();

    /** The rule book and settings in force; {@link Policies#reload()} swaps them atomically. */
    Policies policies();

    /** Salesforce: connection status, session (lookup, writer, describe), engine ports. Blocking. */
    SalesforceGateway gateway();

    /** Where rule changes go when several instances share a database; empty when the rules are this instance's own. */
    default java.util.Optional<RulePublisher> rulePublisher() {
        return java.util.Optional.empty();
    }

    SyncMetrics metrics();

    /** The workers: pause/resume, pipeline state. */
    WorkerPool workers();

    Readiness readiness();

    /** The bearer-token guard of the admin API (401 without a token, 403 for a wrong one; 503 when
     * no ONCESYNC_ADMIN_TOKEN is configured). */
    Handler<RoutingContext> adminGuard();

    /** The OnceHub account's booking calendars, when an OnceHub API key is configured. */
    default java.util.Optional<io.oncesync.server.oncehub.BookingCalendars> bookingCalendars() {
        return java.util.Optional.empty();
    }

    /** The OnceHub side (subscription watcher, reconciliation), when an OnceHub API key is configured. */
    default java.util.Optional<io.oncesync.server.oncehub.OnceHubService> oncehub() {
        return java.util.Optional.empty();
    }

    /** The HTTP port actually bound. */
    int port();

    /** The application's clock: audit times, console session expiry and sign-in throttling follow it. */
    default java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }
}
