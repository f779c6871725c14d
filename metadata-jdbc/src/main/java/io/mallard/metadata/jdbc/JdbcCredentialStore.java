package io.mallard.metadata.jdbc;

import io.mallard.application.validation.ConflictException;
import io.mallard.application.account.ApiKey;
import io.mallard.application.account.CredentialStore;
import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link CredentialStore} over JDBC, in the metadata database's {@code users}, {@code sessions} and
 * {@code api_keys} tables (created by the database's versioned migrations). Every value is a bound
 * parameter; every method runs in its own auto-committed statement or transaction.
 */
public final class JdbcCredentialStore implements CredentialStore {
    private static final String USERS = "SELECT id, username, role, password_hash, sites, created_at FROM users";
    private static final String SESSIONS = "SELECT token_hash, user_id, created_at, expires_at FROM sessions";
    private static final String API_KEYS = "SELECT key_hash, name, scope, sites, created_at, last_used_at FROM api_keys";

    private final Jdbc jdbc;

    public JdbcCredentialStore(Connections connections) {
        this.jdbc = new Jdbc(connections, "credential storage");
    }

    @Override
    public List<User> users() {
        return jdbc.query(USERS + " ORDER BY id", JdbcCredentialStore::user);
    }

    @Override
    public Optional<User> user(long userId) {
        return jdbc.first(USERS + " WHERE id = ?", JdbcCredentialStore::user, userId);
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getLong(1), new Username(row.getString(2)), Role.valueOf(row.getString(3)), row.getString(4),
                sites(row.getString(5)), Jdbc.instant(row, 6));
    }

    @Override
    public User createUser(Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt) {
        return jdbc.run(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT count(*) FROM users WHERE username = ?")) {
                exists.setString(1, username.value());
                try (ResultSet row = exists.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        throw new ConflictException("username " + username.value() + " is taken");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (username, role, password_hash, sites, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, username.value());
                insert.setString(2, role.name());
                insert.setString(3, passwordHash);
                insert.setString(4, joined(sites));
                insert.setObject(5, Jdbc.local(createdAt));
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new User(row.getLong(1), username, role, passwordHash, sites, createdAt);
                }
            }
        });
    }

    @Override
    public void updatePasswordHash(long userId, String passwordHash) {
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Override
    public void updateAccess(long userId, Role role, Set<SiteId> sites) {
        jdbc.update("UPDATE users SET role = ?, sites = ? WHERE id = ?", role.name(), joined(sites), userId);
    }

    @Override
    public void deleteUser(long userId) {
        jdbc.update("DELETE FROM users WHERE id = ?", userId);
    }

    @Override
    public List<Session> sessions() {
        return jdbc.query(SESSIONS, JdbcCredentialStore::session);
    }

    @Override
    public Optional<Session> session(String tokenHash) {
        return jdbc.first(SESSIONS + " WHERE token_hash = ?", JdbcCredentialStore::session, tokenHash);
    }

    private static Session session(ResultSet row) throws SQLException {
        return new Session(row.getString(1), row.getLong(2), Jdbc.instant(row, 3), Jdbc.instant(row, 4));
    }

    @Override
    public void saveSession(Session session) {
        jdbc.update("INSERT INTO sessions VALUES (?, ?, ?, ?)", session.tokenHash(), session.userId(),
                Jdbc.local(session.createdAt()), Jdbc.local(session.expiresAt()));
    }

    @Override
    public void deleteSession(String tokenHash) {
        jdbc.update("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    @Override
    public void deleteSessionsOf(long userId, String keepTokenHash) {
        jdbc.update("DELETE FROM sessions WHERE user_id = ? AND token_hash IS DISTINCT FROM ?", userId, keepTokenHash);
    }

    @Override
    public List<ApiKey> apiKeys() {
        return jdbc.query(API_KEYS + " ORDER BY created_at", JdbcCredentialStore::apiKey);
    }

    @Override
    public Optional<ApiKey> apiKey(String keyHash) {
        return jdbc.first(API_KEYS + " WHERE key_hash = ?", JdbcCredentialStore::apiKey, keyHash);
    }

    private static ApiKey apiKey(ResultSet row) throws SQLException {
        return new ApiKey(row.getString(1), row.getString(2), ApiKeyScope.valueOf(row.getString(3)), sites(row.getString(4)),
                Jdbc.instant(row, 5), row.getObject(6) == null ? null : Jdbc.instant(row, 6));
    }

    @Override
    public void saveApiKey(ApiKey key) {
        jdbc.update("INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)", key.keyHash(), key.name(), key.scope().name(),
                joined(key.sites()), Jdbc.local(key.createdAt()), key.lastUsedAt() == null ? null : Jdbc.local(key.lastUsedAt()));
    }

    @Override
    public boolean deleteApiKey(String keyHash) {
        return jdbc.update("DELETE FROM api_keys WHERE key_hash = ?", keyHash) > 0;
    }

    @Override
    public void recordApiKeyUse(String keyHash, Instant lastUsedAt) {
        jdbc.update("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?", Jdbc.local(lastUsedAt), keyHash);
    }

    private static String joined(Set<SiteId> sites) {
        return sites.stream().map(SiteId::value).sorted().collect(Collectors.joining(","));
    }

    private static Set<SiteId> sites(String joined) {
        return joined.isEmpty() ? Set.of()
                : Arrays.stream(joined.split(",")).map(SiteId::new).collect(Collectors.toUnmodifiableSet());
    }
}
