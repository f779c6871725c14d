-- A rolled-up UTC day cut at the instant a site's own day begins in it (its local midnight): the
-- figures before and after that instant, so a daily series in a zone off UTC adds up the pieces of
-- two UTC days. Used while the day's rollup has the same fingerprint.
CREATE TABLE rollup_splits (
    site_id        VARCHAR   NOT NULL,
    day            DATE      NOT NULL,
    split_at       TIMESTAMP NOT NULL,
    fingerprint    VARCHAR   NOT NULL,
    head_visitors  BIGINT    NOT NULL,
    head_visits    BIGINT    NOT NULL,
    head_pageviews BIGINT    NOT NULL,
    tail_visitors  BIGINT    NOT NULL,
    tail_visits    BIGINT    NOT NULL,
    tail_pageviews BIGINT    NOT NULL
);
