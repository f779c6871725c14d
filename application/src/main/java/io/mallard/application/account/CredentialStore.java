package io.mallard.application.account;

import io.mallard.application.validation.ConflictException;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: durable storage of accounts, sessions and API keys. Every method commits before it
 * returns. Implementations store what they are given; hashing and policy live in the services.
 */
public interface CredentialStore {
    List<User> users();

    /** Creates an account; throws {@link ConflictException} when the username is taken. */
    User createUser(Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt);

    void updatePasswordHash(long userId, String passwordHash);

    void updateAccess(long userId, Role role, Set<SiteId> sites);

    void deleteUser(long userId);

    List<Session> sessions();

    /**
     * One session by token hash, read from storage now: how a node sharing the store with others
     * recognizes a session another node made since it last read them all.
     */
    Optional<Session> session(String tokenHash);

    /** One account by id, read from storage now (with {@link #session}). */
    Optional<User> user(long userId);

    /** One API key by hash, read from storage now (a key another node issued). */
    Optional<ApiKey> apiKey(String keyHash);

    void saveSession(Session session);

    void deleteSession(String tokenHash);

    /** Deletes the user's sessions except {@code keepTokenHash} (may be null: delete all). */
    void deleteSessionsOf(long userId, String keepTokenHash);

    List<ApiKey> apiKeys();

    void saveApiKey(ApiKey key);

    boolean deleteApiKey(String keyHash);

    void recordApiKeyUse(String keyHash, Instant lastUsedAt);
}
