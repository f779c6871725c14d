-- The sites registry (read and written by adapters-auth through JDBC) and instance-wide settings.
-- allowed_hosts is a comma-separated list of host patterns (a host name never contains a comma).
CREATE TABLE sites (
    site_id       VARCHAR   PRIMARY KEY,
    time_zone     VARCHAR   NOT NULL,
    allowed_hosts VARCHAR   NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE TABLE settings (
    name  VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
