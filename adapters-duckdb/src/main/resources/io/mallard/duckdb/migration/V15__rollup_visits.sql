-- A rolled-up day's visits, one row each, with what visit-level figures and visit filters read:
-- a filtered question over stored days reads its visits here instead of grouping events into
-- visits (Plausible keeps a sessions table beside its events for the same reason). Written with the
-- day's rollup when every event of the day carries a visit id (rollup_days.visits), used only while
-- that rollup is usable. The d_* columns hold a visit dimension's value as the stats label it
-- ("(none)", "Direct / None" for a missing value), named as DimensionSql.visitColumn names them.
ALTER TABLE rollup_days ADD COLUMN visits BOOLEAN NOT NULL DEFAULT false;
CREATE TABLE rollup_visits (
    site_id           VARCHAR   NOT NULL,
    day               DATE      NOT NULL,
    visit             BIGINT    NOT NULL,
    vk                UBIGINT   NOT NULL,
    started           TIMESTAMP NOT NULL,
    ended             TIMESTAMP NOT NULL,
    pageviews         BIGINT    NOT NULL,
    interactions      BIGINT    NOT NULL,
    events            BIGINT    NOT NULL,
    d_entry_page      VARCHAR   NOT NULL,
    d_exit_page       VARCHAR   NOT NULL,
    d_source          VARCHAR   NOT NULL,
    d_referrer        VARCHAR   NOT NULL,
    d_utm_source      VARCHAR   NOT NULL,
    d_utm_medium      VARCHAR   NOT NULL,
    d_utm_campaign    VARCHAR   NOT NULL,
    d_utm_content     VARCHAR   NOT NULL,
    d_utm_term        VARCHAR   NOT NULL,
    d_browser         VARCHAR   NOT NULL,
    d_browser_version VARCHAR   NOT NULL,
    d_os              VARCHAR   NOT NULL,
    d_os_version      VARCHAR   NOT NULL,
    d_device          VARCHAR   NOT NULL,
    d_country         VARCHAR   NOT NULL,
    d_region          VARCHAR   NOT NULL,
    d_city            VARCHAR   NOT NULL
);
