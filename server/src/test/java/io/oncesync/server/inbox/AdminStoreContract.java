package io.oncesync.server.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin API's audit log and delivery search, on each supported database. */
abstract class AdminStoreContract {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    InboxDatabase db;

    abstract InboxDatabase open(MutableClock clock) throws Exception;

    @BeforeEach
    void openDatabase() throws Exception {
        db = open(clock);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    @DisplayName("the audit log keeps who did what when, newest first, and pages by id")
    void audit() {
        AuditEntry first = db.audit().record("admin:alice@10.0.0.5", "replay", "delivery 7", "ok", "EVNT-7 is due again");
        clock.advance(Duration.ofSeconds(5));
        AuditEntry second = db.audit().record("cli:bob", "rules.reload", "/etc/oncesync/rules", "refused", "x".repeat(5000));
        List<AuditEntry> all = db.audit().list(null, 10);
        assertThat(all).extracting(AuditEntry::id).containsExactly(second.id(), first.id());
        assertThat(all.get(1)).isEqualTo(first);
        assertThat(all.get(1).at()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(all.get(0).detail()).hasSize(4001).endsWith("…");
        assertThat(db.audit().list(second.id(), 10)).containsExactly(first);
        assertThat(db.audit().list(null, 1)).extracting(AuditEntry::actor).containsExactly("cli:bob");
    }

    @Test
    @DisplayName("an audit entry keeps the files it carried, in full, with hashes and the replaced version")
    void auditFiles() {
        String drl = "package rules;\nrule \"x\" when then end\n" + "// long\n".repeat(2000);
        AuditEntry e = db.audit().record("admin-token@10.0.0.5", "rules.upload", "a.drl, settings.yaml", "ok", "2 files",
                List.of(AuditFile.of("a.drl", drl, "package old;"), AuditFile.of("settings.yaml", "x: 1\n", null)));
        List<AuditFile> files = db.audit().files(e.id());
        assertThat(files).extracting(AuditFile::file).containsExactly("a.drl", "settings.yaml");
        assertThat(files.get(0).content()).isEqualTo(drl);
        assertThat(files.get(0).sha256()).isEqualTo(AuditFile.sha256(drl)).hasSize(64);
        assertThat(files.get(0).previousContent()).isEqualTo("package old;");
        assertThat(files.get(0).previousSha256()).isEqualTo(AuditFile.sha256("package old;"));
        assertThat(files.get(1).previousContent()).isNull();
        assertThat(files.get(1).previousSha256()).isNull();
        assertThat(db.audit().files(e.id() + 1000)).isEmpty();
        assertThat(db.audit().record("a", "replay", "", "ok", "")).isNotNull();
    }

    @Test
    @DisplayName("delivery search filters by status, guest key and booking, newest first, paging by id")
    void search() throws Exception {
        Instant t = clock.instant();
        db.inbox().admit(TestEvents.incoming("E1", "BKNG-1", "ann@example.com", t)).get();
        db.inbox().admit(TestEvents.incoming("E2", "BKNG-2", "ann@example.com", t.plusSeconds(1))).get();
        db.inbox().admit(TestEvents.incoming("E3", "BKNG-3", "4155550100", t.plusSeconds(2))).get();
        ClaimedBatch batch = db.inbox().claim(10, Duration.ofMinutes(1));
        long e3 = batch.events().stream().filter(e -> e.eventId().equals("E3")).findFirst().orElseThrow().id();
        db.inbox().settle(batch, Map.of(e3, new Settlement.Dead("boom", "{}")));
        db.inbox().release(batch);

        assertThat(events(filter(null, null, null, null, 10))).containsExactly("E3", "E2", "E1");
        assertThat(events(filter(InboxStatus.DEAD, null, null, null, 10))).containsExactly("E3");
        assertThat(events(filter(null, "ann@example.com", null, null, 10))).containsExactly("E2", "E1");
        assertThat(events(filter(null, "ann@example.com", "BKNG-1", null, 10))).containsExactly("E1");
        List<InboxEntry> page = filter(null, null, null, null, 2);
        assertThat(events(page)).containsExactly("E3", "E2");
        assertThat(events(filter(null, null, null, page.get(1).id(), 2))).containsExactly("E1");
        assertThat(page.get(0).lastError()).isEqualTo("boom");
    }

    private List<InboxEntry> filter(InboxStatus status, String guest, String booking, Long before, int limit) {
        return db.deliveries().search(new DeliveryFilter(Optional.ofNullable(status), Optional.ofNullable(guest),
                Optional.ofNullable(booking), Optional.ofNullable(before), limit));
    }

    private static List<String> events(List<InboxEntry> entries) {
        return entries.stream().map(InboxEntry::eventId).toList();
    }
}
