-- A rolled-up day's events per visitor for the behavioral questions (funnels, retention, sequences,
-- flows): one file per site and UTC day under data_dir/trails, named here with its length and
-- CRC-32C, visitors in key order and each visitor's events in time order, with only what those
-- questions read (visitor key, time, event name, path). Written with the day's rollup and used only
-- while that rollup is usable (DayTrail describes the format, TrailFiles the files).
CREATE TABLE rollup_trails (
    site_id VARCHAR NOT NULL,
    day     DATE    NOT NULL,
    file    VARCHAR NOT NULL,
    bytes   BIGINT  NOT NULL,
    crc32c  BIGINT  NOT NULL,
    PRIMARY KEY (site_id, day)
);
