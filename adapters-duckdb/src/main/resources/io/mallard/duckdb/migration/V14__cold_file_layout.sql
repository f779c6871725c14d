-- Whether a cold file is in its final layout: sorted by visitor, time and event id, and compressed
-- with ZSTD. Flushes write the cheapest layout instead (arrival order, Snappy), since under load
-- they run every second, and compaction rewrites each finished day's files as one optimized file.
-- Files written before this version were all sorted ZSTD.
ALTER TABLE cold_files ADD COLUMN optimized BOOLEAN NOT NULL DEFAULT true
