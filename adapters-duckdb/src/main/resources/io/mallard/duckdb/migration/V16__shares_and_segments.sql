-- Shared links: read-only dashboards of one site. The id is the link's secret, and password_hash
-- is null for a link without a password.
-- Segments: named filter sets of a site, kept as the stats API's filters JSON.
CREATE TABLE shares (
    share_id      VARCHAR   PRIMARY KEY,
    site_id       VARCHAR   NOT NULL,
    name          VARCHAR   NOT NULL,
    password_hash VARCHAR,
    created_at    TIMESTAMP NOT NULL
);
CREATE SEQUENCE segment_ids START 1;
CREATE TABLE segments (
    segment_id BIGINT    PRIMARY KEY DEFAULT nextval('segment_ids'),
    site_id    VARCHAR   NOT NULL,
    name       VARCHAR   NOT NULL,
    filters    VARCHAR   NOT NULL,
    created_at TIMESTAMP NOT NULL
);
