-- The ledger entry of the feed batch that stored the payable. A file of a million lines indexes its batches' entries
-- by the payables' own rows instead of a ledger_subject row per line (see Ledger.history). Rows from before have
-- none and are found through ledger_subject, as they were.
ALTER TABLE payable ADD COLUMN ledger_seq BIGINT;
