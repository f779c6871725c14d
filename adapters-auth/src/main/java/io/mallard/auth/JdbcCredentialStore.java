package io.mallard.auth;

import io.mallard.application.account.AccountConflictException;
import io.mallard.application.account.ApiKey;
import io.mallard.application.account.CredentialStore;
import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link CredentialStore} over JDBC, in the embedded database's {@code users}, {@code sessions} and
 * {@code api_keys} tables (created by the database's versioned migrations). Every value is a bound
 * parameter; every method runs in its own auto-committed statement or transaction.
 */
public final class JdbcCredentialStore implements CredentialStore {
    /** Where connections come from (each is closed after use). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connections connections;

    public JdbcCredentialStore(Connections connections) {
        this.connections = connections;
    }

    @Override
    public List<User> users() {
        return query("SELECT id, username, role, password_hash, sites, created_at FROM users ORDER BY id", row -> new User(
                row.getLong(1), new Username(row.getString(2)), Role.valueOf(row.getString(3)), row.getString(4),
                sites(row.getString(5)), instant(row, 6)));
    }

    @Override
    public User createUser(Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt) {
        return run(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT count(*) FROM users WHERE username = ?")) {
                exists.setString(1, username.value());
                try (ResultSet row = exists.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        throw new AccountConflictException("username " + username.value() + " is taken");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (username, role, password_hash, sites, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, username.value());
                insert.setString(2, role.name());
                insert.setString(3, passwordHash);
                insert.setString(4, joined(sites));
                insert.setObject(5, local(createdAt));
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new User(row.getLong(1), username, role, passwordHash, sites, createdAt);
                }
            }
        });
    }

    @Override
    public void updatePasswordHash(long userId, String passwordHash) {
        update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Override
    public void deleteUser(long userId) {
        update("DELETE FROM users WHERE id = ?", userId);
    }

    @Override
    public List<Session> sessions() {
        return query("SELECT token_hash, user_id, created_at, expires_at FROM sessions", row ->
                new Session(row.getString(1), row.getLong(2), instant(row, 3), instant(row, 4)));
    }

    @Override
    public void saveSession(Session session) {
        update("INSERT INTO sessions VALUES (?, ?, ?, ?)", session.tokenHash(), session.userId(),
                local(session.createdAt()), local(session.expiresAt()));
    }

    @Override
    public void deleteSession(String tokenHash) {
        update("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    @Override
    public void deleteSessionsOf(long userId, String keepTokenHash) {
        update("DELETE FROM sessions WHERE user_id = ? AND token_hash IS DISTINCT FROM ?", userId, keepTokenHash);
    }

    @Override
    public List<ApiKey> apiKeys() {
        return query("SELECT key_hash, name, scope, sites, created_at, last_used_at FROM api_keys ORDER BY created_at", row ->
                new ApiKey(row.getString(1), row.getString(2), ApiKeyScope.valueOf(row.getString(3)), sites(row.getString(4)),
                        instant(row, 5), row.getObject(6) == null ? null : instant(row, 6)));
    }

    @Override
    public void saveApiKey(ApiKey key) {
        update("INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)", key.keyHash(), key.name(), key.scope().name(),
                joined(key.sites()), local(key.createdAt()), key.lastUsedAt() == null ? null : local(key.lastUsedAt()));
    }

    @Override
    public boolean deleteApiKey(String keyHash) {
        return update("DELETE FROM api_keys WHERE key_hash = ?", keyHash) > 0;
    }

    @Override
    public void recordApiKeyUse(String keyHash, Instant lastUsedAt) {
        update("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?", local(lastUsedAt), keyHash);
    }

    private <T> List<T> query(String sql, RowReader<T> reader) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        });
    }

    private int update(String sql, Object... parameters) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = connections.open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("credential storage failed: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static String joined(Set<SiteId> sites) {
        return sites.stream().map(SiteId::value).sorted().collect(Collectors.joining(","));
    }

    private static Set<SiteId> sites(String joined) {
        return joined.isEmpty() ? Set.of()
                : Arrays.stream(joined.split(",")).map(SiteId::new).collect(Collectors.toUnmodifiableSet());
    }
}
