package io.mallard.application.account;

import io.mallard.application.validation.ConflictException;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link CredentialStore} in maps, for service tests. */
final class InMemoryCredentialStore implements CredentialStore {
    final Map<Long, User> users = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Session> sessions = new LinkedHashMap<>();
    final Map<String, ApiKey> keys = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public List<User> users() {
        return new ArrayList<>(users.values());
    }

    @Override
    public User createUser(Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt) {
        if (users.values().stream().anyMatch(u -> u.username().equals(username))) {
            throw new ConflictException("taken");
        }
        User user = new User(nextId++, username, role, passwordHash, sites, createdAt);
        users.put(user.id(), user);
        return user;
    }

    @Override
    public void updatePasswordHash(long userId, String passwordHash) {
        users.computeIfPresent(userId, (id, u) -> u.withPasswordHash(passwordHash));
    }

    @Override
    public void updateAccess(long userId, Role role, Set<SiteId> sites) {
        users.computeIfPresent(userId, (id, u) -> u.withAccess(role, sites));
    }

    @Override
    public void deleteUser(long userId) {
        users.remove(userId);
    }

    @Override
    public List<Session> sessions() {
        return new ArrayList<>(sessions.values());
    }

    @Override
    public Optional<Session> session(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }

    @Override
    public Optional<User> user(long userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public Optional<ApiKey> apiKey(String keyHash) {
        return Optional.ofNullable(keys.get(keyHash));
    }

    @Override
    public void saveSession(Session session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public void deleteSession(String tokenHash) {
        sessions.remove(tokenHash);
    }

    @Override
    public void deleteSessionsOf(long userId, String keepTokenHash) {
        sessions.values().removeIf(s -> s.userId() == userId && !s.tokenHash().equals(keepTokenHash));
    }

    @Override
    public List<ApiKey> apiKeys() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public void saveApiKey(ApiKey key) {
        keys.put(key.keyHash(), key);
    }

    @Override
    public boolean deleteApiKey(String keyHash) {
        return keys.remove(keyHash) != null;
    }

    @Override
    public void recordApiKeyUse(String keyHash, Instant lastUsedAt) {
        keys.computeIfPresent(keyHash, (hash, key) -> key.usedAt(lastUsedAt));
    }
}
