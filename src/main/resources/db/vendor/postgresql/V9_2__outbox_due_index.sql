-- PostgreSQL only. The relay asks every round for the oldest pending rows (status = 'PENDING' ... ORDER BY id LIMIT n).
-- With ix_outbox_pending, a generic plan of that prepared statement walked the primary key through every row ever sent
-- (half a second at 200,000 rows, growing with the table). This index holds the pending rows only, in id order, so the
-- round costs what is pending, however many rows were sent before; it also answers how many are pending.
CREATE INDEX ix_outbox_due ON outbox (id) WHERE status = 'PENDING';
DROP INDEX ix_outbox_pending;
