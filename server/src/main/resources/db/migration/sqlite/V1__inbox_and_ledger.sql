-- The durable inbox: one row per OnceHub event id, kept with its raw body for replay.
-- Times are epoch milliseconds (UTC).
CREATE TABLE inbox_event (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL UNIQUE,
    event_type      TEXT    NOT NULL,
    booking_id      TEXT,
    guest_key       TEXT,
    ordering_keys   TEXT    NOT NULL,
    order_at        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    received_at     INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claim_token     TEXT,
    lease_until     INTEGER,
    last_error      TEXT,
    decision_trace  TEXT,
    person_id       TEXT,
    record_ids      TEXT,
    finished_at     INTEGER,
    raw_body        BLOB    NOT NULL
);
CREATE INDEX inbox_event_due ON inbox_event (status, next_attempt_at);
CREATE INDEX inbox_event_booking ON inbox_event (booking_id);

-- Ordering keys of events that are not finished yet (rows go when an event is applied, ignored or dead).
CREATE TABLE inbox_open_key (
    event_pk     INTEGER NOT NULL REFERENCES inbox_event (id) ON DELETE CASCADE,
    ordering_key TEXT    NOT NULL,
    PRIMARY KEY (event_pk, ordering_key)
);
CREATE INDEX inbox_open_key_by_key ON inbox_open_key (ordering_key, event_pk);

-- The gateway's booking ledger: OnceHub booking id -> Salesforce ids.
CREATE TABLE booking_ledger (
    booking_id        TEXT PRIMARY KEY,
    person_id         TEXT,
    event_record_id   TEXT,
    case_record_id    TEXT,
    applied_update_at INTEGER,
    updated_at        INTEGER NOT NULL
);
