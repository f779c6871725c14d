-- The tracker's page-leave reports (events named 'engagement'): visible milliseconds and scroll
-- depth in percent. NULL on every other event and on Parquet files written before this version.
ALTER TABLE events ADD COLUMN engaged_ms INTEGER;
ALTER TABLE events ADD COLUMN scroll_depth SMALLINT;
ALTER TABLE load_staging ADD COLUMN engaged_ms INTEGER;
ALTER TABLE load_staging ADD COLUMN scroll_depth SMALLINT;
