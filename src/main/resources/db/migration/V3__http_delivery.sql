-- HTTP deliveries retry within the receiver's budget, counted from retry_from (reset when an operator replays).
ALTER TABLE outbox ADD COLUMN retry_from TIMESTAMP WITH TIME ZONE;
UPDATE outbox SET retry_from = created_at;
ALTER TABLE outbox ALTER COLUMN retry_from SET NOT NULL;

ALTER TABLE dead_letter ADD COLUMN last_status INT;
