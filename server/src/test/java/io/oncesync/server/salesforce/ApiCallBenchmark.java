package io.oncesync.server.salesforce;

import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.write.WriteBatches;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts Salesforce API calls per booking, from the {@code LimitInfoHeader} the org returns on every call
 * (cross-checked with the local org's own counter). Not a test: run it with
 * {@code mvn -q -o -pl server -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.oncesync.server.salesforce.ApiCallBenchmark}.
 */
public final class ApiCallBenchmark {
    private static final int BACKLOG = 1000;
    private static final int BATCH = 200;

    private ApiCallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("scenario | bookings | API calls (LimitInfoHeader) | local org counter | calls per booking");
        System.out.println("---|---|---|---|---");
        try (OrgFixture fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION)) {
            SalesforceGateway gateway = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
            gateway.accept(fx.connectAs(fx.org.adminUsername()));
            InMemoryBookingLedger ledger = new InMemoryBookingLedger();
            BookingPipeline pipeline = new BookingPipeline(gateway, ledger, BookingPipeline.SETTINGS);

            run("first booking of a fresh session, new guest (includes the one describe)", fx, gateway, pipeline,
                    List.of(event(1, "booking.scheduled", "first.guest@client.example", "")));
            run("one booking, new guest (email)", fx, gateway, pipeline,
                    List.of(event(2, "booking.scheduled", "second.guest@client.example", "")));
            run("one booking, known Contact (email, case differs)", fx, gateway, pipeline,
                    List.of(event(3, "booking.scheduled", "GRACE@navy.example", "")));
            run("one booking, phone-only guest (three-way tie)", fx, gateway, pipeline,
                    List.of(event(4, "booking.scheduled", "", "+1 415 555 1212")));
            run("one reschedule of a booking in the ledger", fx, gateway, pipeline,
                    List.of(event(2, "booking.rescheduled", "second.guest@client.example", "")));

            List<byte[]> backlog = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                backlog.add(event(10_000 + i, "booking.scheduled", "backlog" + i + "@client.example", ""));
            }
            run("backlog of new guests, batches of " + BATCH, fx, gateway, pipeline, backlog);

            List<byte[]> mixed = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                String email = switch (i % 4) {
                    case 0 -> "backlog" + i + "@client.example";             // known: created by the run above
                    case 1 -> "mixed" + i + "@client.example";               // new guest
                    case 2 -> "ALAN.TURING@bletchley.example";               // seeded Lead
                    default -> "";                                            // phone only
                };
                String phone = email.isEmpty() ? "+1 212 555 " + String.format(Locale.ROOT, "%04d", i) : "";
                mixed.add(event(20_000 + i, "booking.scheduled", email, phone));
            }
            run("backlog, mixed (¼ known Leads, ¼ new, ¼ seeded Lead, ¼ phone-only), batches of " + BATCH, fx,
                    gateway, pipeline, mixed);
        }
    }

    private static byte[] event(int n, String type, String email, String phone) {
        return BookingPipeline.booking("EVNT-B" + n + "-" + type, type, "BKNG-B" + n, "Bench Guest" + n, email, phone,
                "2026-12-10T15:00:00Z");
    }

    private static void run(String name, OrgFixture fx, SalesforceGateway gateway, BookingPipeline pipeline,
                            List<byte[]> events) throws Exception {
        long headerBefore = gateway.session().client().usage().current();
        long orgBefore = fx.org.apiCallsUsed();
        int rejected = 0;
        for (List<byte[]> batch : WriteBatches.chunks(events, BATCH)) {
            BookingPipeline.Applied applied = pipeline.apply(batch);
            if (!applied.batch().complete()) {
                throw new IllegalStateException(name + ": interrupted: " + applied.batch().interruption().get().getMessage());
            }
            rejected += (int) applied.batch().outcomes().stream().flatMap(o -> o.orElseThrow().stream())
                    .filter(o -> o instanceof io.oncesync.engine.port.ActionOutcome.Rejected
                            || o instanceof io.oncesync.engine.port.ActionOutcome.NotAttempted).count();
            rejected += (int) applied.decisions().stream().filter(d -> !d.executable()).count();
        }
        long header = gateway.session().client().usage().current() - headerBefore;
        long org = fx.org.apiCallsUsed() - orgBefore;
        System.out.printf(Locale.ROOT, "%s | %d | %d | %d | %.3f%s%n", name, events.size(), header, org,
                (double) header / events.size(), rejected == 0 ? "" : " (" + rejected + " not written!)");
    }
}
