-- Site goals (read and written by adapters-auth through JDBC): a pageview path pattern or a custom
-- event name. Ids come from a sequence so a deleted goal's id is never reused.
CREATE SEQUENCE goal_ids START 1;
CREATE TABLE goals (
    goal_id BIGINT  PRIMARY KEY DEFAULT nextval('goal_ids'),
    site_id VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    value   VARCHAR NOT NULL
);
