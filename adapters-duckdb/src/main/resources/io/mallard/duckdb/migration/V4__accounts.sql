-- Dashboard accounts, sessions and API keys (read and written by adapters-auth through JDBC).
-- Secrets are stored only as hashes: Argon2id for passwords, SHA-256 for session tokens and keys.
-- Site lists are comma-separated site ids (a site id never contains a comma), empty meaning none or all.
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
