-- A rolled-up day's events per visitor for the behavioral questions (funnels, retention, sequences,
-- flows): one encoded blob per site and UTC day, visitors in key order and each visitor's events in
-- time order, with only what those questions read (visitor key, time, event name, path). Written
-- with the day's rollup and used only while that rollup is usable (DayTrail describes the format).
CREATE TABLE rollup_trails (
    site_id VARCHAR NOT NULL,
    day     DATE    NOT NULL,
    trail   BLOB    NOT NULL,
    PRIMARY KEY (site_id, day)
);
