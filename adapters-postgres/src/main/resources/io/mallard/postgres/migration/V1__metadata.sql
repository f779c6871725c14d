-- The metadata several nodes share: the same tables, columns and meanings as the embedded store's
-- (adapters-duckdb migrations V4, V6, V7, V16), so one set of JDBC stores (metadata-jdbc) serves both.
-- Secrets are stored only as hashes: Argon2id for passwords, SHA-256 for session tokens and keys.
-- Site lists and host lists are comma-separated (neither a site id nor a host contains a comma).
CREATE SEQUENCE user_ids START 1;
CREATE TABLE users (
    id            BIGINT    PRIMARY KEY DEFAULT nextval('user_ids'),
    username      VARCHAR   NOT NULL UNIQUE,
    role          VARCHAR   NOT NULL,
    password_hash VARCHAR   NOT NULL,
    sites         VARCHAR   NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE TABLE sessions (
    token_hash VARCHAR   PRIMARY KEY,
    user_id    BIGINT    NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE TABLE api_keys (
    key_hash     VARCHAR   PRIMARY KEY,
    name         VARCHAR   NOT NULL,
    scope        VARCHAR   NOT NULL,
    sites        VARCHAR   NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
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
CREATE SEQUENCE goal_ids START 1;
CREATE TABLE goals (
    goal_id BIGINT  PRIMARY KEY DEFAULT nextval('goal_ids'),
    site_id VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    value   VARCHAR NOT NULL
);
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

-- The generation every node polls (MetadataStore.generation): bumped in the same transaction as any
-- change to what nodes mirror in memory, so a node that sees the new number also sees the change.
-- An API key's last use is not such a change (nodes keep their own and write it every 30 s).
CREATE TABLE metadata_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT  NOT NULL
);
INSERT INTO metadata_generation VALUES (1, 0);
CREATE FUNCTION metadata_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE metadata_generation SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
CREATE TRIGGER sessions_changed AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
CREATE TRIGGER api_keys_changed AFTER INSERT OR DELETE OR UPDATE OF name, scope, sites ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE OR DELETE ON sites FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
CREATE TRIGGER settings_changed AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
CREATE TRIGGER shares_changed AFTER INSERT OR UPDATE OR DELETE ON shares FOR EACH STATEMENT EXECUTE FUNCTION metadata_changed();
