-- Several oncesync instances on one database: who holds a claim, which instances are alive, and the state every
-- instance shares (rules and settings by version, the Salesforce connection). Times are epoch milliseconds (UTC).

-- The instance that claimed an event (its id from oncesync_instance), so a dead instance's claims can be taken over
-- as soon as it stops heartbeating instead of when each lease runs out.
ALTER TABLE inbox_event ADD COLUMN claimed_by TEXT;
CREATE INDEX inbox_event_claimed_by ON inbox_event (claimed_by) WHERE status = 'PROCESSING';

-- Live instances: a row per running oncesync, its heartbeat refreshed every second from the database's clock.
CREATE TABLE oncesync_instance (
    id            TEXT   PRIMARY KEY,
    host          TEXT   NOT NULL,
    pid           BIGINT NOT NULL,
    started_at    BIGINT NOT NULL,
    heartbeat_at  BIGINT NOT NULL,
    rules_version BIGINT NOT NULL DEFAULT 0
);

-- Every published rule set (DRL files and settings.yaml as a JSON object name -> text); the newest is in force.
CREATE TABLE shared_rules (
    version      BIGINT PRIMARY KEY,
    files        TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    published_by TEXT   NOT NULL
);

-- Named state shared by all instances (the Salesforce connection, with its refresh token encrypted).
CREATE TABLE shared_state (
    name       TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
