package io.oncesync.server.admin;

import static io.oncesync.server.admin.AdminHttp.badRequest;
import static io.oncesync.server.admin.AdminHttp.blocking;

import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.port.BookingLedger;
import io.oncesync.server.http.ApiProblem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * {@code POST /admin/dry-run}: a posted webhook body decided by the rules in force against the connected org, with
 * the plan and the trace; nothing is written. {@link DryRun} does the work.
 */
final class DryRunRoutes {
    private final AdminRoutes.Org org;
    private final BookingLedger ledger;
    private final LiveRules rules;

    DryRunRoutes(AdminRoutes.Org org, BookingLedger ledger, LiveRules rules) {
        this.org = Objects.requireNonNull(org, "org");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    void mount(Router router) {
        router.post("/admin/dry-run").handler(this::dryRun);
    }

    private void dryRun(RoutingContext ctx) {
        byte[] payload = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (payload.length == 0) {
            badRequest(ctx, "post the OnceHub webhook body (JSON) to dry-run");
            return;
        }
        LiveRules.Active active = rules.active();
        blocking(ctx, () -> {
            DryRun.Outcome o = new DryRun(org.lookup(), org.metadata(), ledger).run(payload, active.book(), active.settings());
            if (o.parsed() instanceof ParseResult.Malformed m) {
                throw new ApiProblem(422, "malformed-event", "Malformed webhook event", m.pointer() + ": " + m.reason());
            }
            return AdminJson.dryRun(o);
        });
    }
}
