-- Daily rollups: each finished UTC day's answers to the unfiltered questions, so a range of days
-- adds stored figures instead of scanning events (docs/METRICS.md, "Rollups"). A day's rows are
-- used only while its fingerprint (the manifest rows of its Parquet files) and basis (rollup
-- version and visit timeout) match the stored events, and only when no visitor key of the day
-- occurs on another day (additive), which is what makes visitors add up across days.
CREATE TABLE rollup_days (
    site_id     VARCHAR   NOT NULL,
    day         DATE      NOT NULL,
    fingerprint VARCHAR   NOT NULL,
    basis       VARCHAR   NOT NULL,
    additive    BOOLEAN   NOT NULL,
    built_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (site_id, day)
);
-- One row per day and value of a rolled-up breakdown, and the day's totals with dimension ''.
-- revenue: "CUR amount" pairs joined by semicolons (ISO 4217 codes, plain decimals), '' without revenue.
CREATE TABLE rollup_rows (
    site_id         VARCHAR NOT NULL,
    day             DATE    NOT NULL,
    dimension       VARCHAR NOT NULL,
    value           VARCHAR NOT NULL,
    visitors        BIGINT  NOT NULL,
    visits          BIGINT  NOT NULL,
    pageviews       BIGINT  NOT NULL,
    events          BIGINT  NOT NULL,
    bounces         BIGINT  NOT NULL,
    visit_pageviews BIGINT  NOT NULL,
    visit_seconds   DOUBLE  NOT NULL,
    engaged_ms      BIGINT  NOT NULL,
    page_visitors   BIGINT  NOT NULL,
    depth_sum       BIGINT  NOT NULL,
    revenue         VARCHAR NOT NULL
);
-- The day's visitor keys (the stats' 64-bit hash of the visitor id), to prove days disjoint.
CREATE TABLE rollup_visitors (
    site_id VARCHAR NOT NULL,
    day     DATE    NOT NULL,
    vk      UBIGINT NOT NULL
);
