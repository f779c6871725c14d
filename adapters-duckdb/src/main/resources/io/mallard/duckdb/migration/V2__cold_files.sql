-- Cold tier manifest: the Parquet files that queries read. A file is part of the data set exactly
-- when its row is committed here, in the same transaction that removes its events from the hot
-- table (flush) or the rows of the files it replaces (compaction). Files on disk without a row
-- are leftovers of an interrupted move and are deleted at startup.
CREATE TABLE cold_files (
    path       VARCHAR   PRIMARY KEY,
    site_id    VARCHAR   NOT NULL,
    day        DATE      NOT NULL,
    events     BIGINT    NOT NULL,
    created_at TIMESTAMP NOT NULL
);
