-- Claims walk the open events in ordering order and stop after the batch size, instead of sorting every due
-- event on each claim (which grew with the backlog). Finished events are not in this index at all.
CREATE INDEX inbox_event_open_order ON inbox_event (order_at, created_at, id)
    WHERE status IN ('RECEIVED', 'RETRY', 'PROCESSING');
