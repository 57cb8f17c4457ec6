-- How far the hub has read each procurement system's feed: the newest release date taken, and the next page when
-- a paged read was interrupted. Updated after the page's records are taken, which are idempotent by their ids.
CREATE TABLE feed_watermark (
    system_code        VARCHAR(18)  NOT NULL,
    watermark          VARCHAR(40),
    next_url           VARCHAR(2000),
    records            BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_feed_watermark PRIMARY KEY (system_code)
);
