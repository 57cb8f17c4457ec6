-- What a message id was first taken with (SM3 over the type and the canonical payload), so that the same id with
-- other content is refused instead of being answered as a duplicate. Rows from before have none.
ALTER TABLE inbound_message ADD COLUMN content_hash VARCHAR(64);
