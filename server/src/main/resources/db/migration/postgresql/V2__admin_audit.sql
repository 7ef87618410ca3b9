-- The admin API's audit trail: every change (replay, rules reload and upload) with who and when.
-- Times are epoch milliseconds (UTC).
CREATE TABLE admin_audit (
    id      BIGSERIAL PRIMARY KEY,
    at      BIGINT  NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    outcome TEXT    NOT NULL,
    detail  TEXT    NOT NULL
);
CREATE INDEX inbox_event_guest ON inbox_event (guest_key);
