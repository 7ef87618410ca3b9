-- interrupted: how many claims of the event ended without any outcome (the process stopped, or the claim's lease
-- ran out while the worker was stuck). After a set number the event is quarantined as a dead letter, so one event
-- whose processing kills the process cannot crash-loop the service.
ALTER TABLE inbox_event ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;

-- One row that /ready rewrites to prove the database still takes writes (a full disk still serves reads).
CREATE TABLE storage_probe (
    id        INTEGER PRIMARY KEY,
    probed_at BIGINT NOT NULL
);
