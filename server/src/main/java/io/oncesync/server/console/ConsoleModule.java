package io.oncesync.server.console;

import io.oncesync.server.admin.AdminRoutes;
import io.oncesync.server.admin.LiveRules;
import io.oncesync.server.admin.OnceHubRoutes;
import io.oncesync.server.admin.SyncRoutes;
import io.oncesync.server.app.AppServices;
import io.oncesync.server.app.RouteModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The admin console at {@code /console} (registered in {@code META-INF/services/io.oncesync.server.app.RouteModule}).
 * Pages and the console API need a session (sign in with the admin token); every change needs the session's CSRF
 * token. The console API is the settings page's own routes plus the whole admin API re-mounted under
 * {@code /console/api/admin/…} behind the session instead of the bearer token, so the pages and {@code curl} see the
 * same answers, and audit entries name the session's identity.
 */
public final class ConsoleModule implements RouteModule {
    /** A session ends after this long without a request. */
    public static final Duration IDLE = Duration.ofMinutes(30);

    @Override
    public void mount(Router router, AppServices app) {
        Clock clock = app.clock();
        ConsoleSessions sessions = new ConsoleSessions(IDLE, clock);
        ConsoleGuard guard = new ConsoleGuard(sessions);
        List<Authenticator> authenticators = List.of(new AdminTokenAuthenticator(app.config().admin().token()));
        ConsoleRoutes routes = new ConsoleRoutes(sessions, authenticators, guard, new ConsoleAssets(), app.database().audit(),
                new SignInThrottle(clock));
        LiveRules rules = new LiveRules(LiveRules.of(app.policies(), app.rulePublisher()), app.policies().source().rulesDir(),
                app.config().rules().uploadEnabled(), clock);
        // A save reloads like the admin API's reload: on a shared PostgreSQL it is published as a new rules version,
        // so every instance runs it; on one instance the rule book and settings are swapped together.
        SettingsStore store = new SettingsStore(app.policies().source().rulesDir(),
                app.config().storage().dataDir().resolve("console").resolve("settings-history"),
                () -> OrgView.read(app.gateway()).metadata(), () -> reloadProblems(rules, app), clock);

        router.route("/console*").handler(ConsoleGuard::headers);
        routes.mountPublic(router);
        // The session is checked before any body is read: without one, a request is answered 401 at once and costs
        // no buffer (sign-in, the one public POST, reads at most SIGN_IN_BODY_BYTES).
        router.route("/console/api/*").handler(guard::api);
        router.route("/console/api/*").handler(BodyHandler.create(false).setBodyLimit(AdminRoutes.MAX_BODY_BYTES));
        routes.mountGuarded(router);
        new SettingsRoutes(app, store).mount(router);
        new StatusRoutes(app).mount(router);
        new RulesRoutes(app).mount(router);
        new OnceHubRoutes(ctx -> ctx.next(), app.oncehub(), app.database().audit()).mount(router, "/console/api/oncehub");

        Router admin = Router.router(app.vertx());
        if (app.workers() != null) {
            new SyncRoutes(ctx -> ctx.next(), app.workers(), app.database().audit()).mount(admin);
        }
        new AdminRoutes(ctx -> ctx.next(), app.inbox(), app.database().deliveries(), app.database().audit(),
                app.ledger(), rules, app.workers() == null ? AdminRoutes.Org.of(app.gateway())
                : AdminRoutes.Org.of(app.gateway(), app.workers())).mount(admin);
        router.route("/console/api/*").subRouter(admin);
    }

    private static List<String> reloadProblems(LiveRules rules, AppServices app) {
        LiveRules.Change change = rules.reload(OrgView.read(app.gateway()).metadata());
        return change.applied() ? List.of() : change.outcome().problems().stream().map(Object::toString).toList();
    }
}
