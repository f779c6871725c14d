-- The loader appends each batch here, then moves it into events in the same transaction that
-- records the journal position. If anything fails, the batch is wiped from here before a retry:
-- an appender that flushes its buffer on close can then never put a batch into events twice.
CREATE TABLE load_staging AS SELECT * FROM events LIMIT 0;
