-- The hot tier lives in memory since this version (HotTable: hot.events, rebuilt from the journal
-- after a restart), so the loader no longer stages batches here. journal_position now records how
-- far the journal is in Parquet: a flush updates it in the transaction that lists its files, and
-- replay starts there. Rows an older version kept in events move to Parquet at startup
-- (DuckDbTieredStorage.reconcile), and from then on events holds no rows and only defines the columns
-- (later migrations keep altering it, and hot.events copies them).
DROP TABLE load_staging;
