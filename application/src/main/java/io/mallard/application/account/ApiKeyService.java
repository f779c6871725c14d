package io.mallard.application.account;

import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.SecretToken;
import io.mallard.domain.event.SiteId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Use cases of API keys: create (the plaintext is returned once), list, revoke, authenticate.
 *
 * <p>Keys are mirrored in memory by hash: authenticating is one SHA-256 and one map lookup, O(1)
 * and with nothing to compare byte by byte. A revoked key is gone from the map before
 * {@link #revoke} returns. Uses are recorded in memory and persisted by {@link #persistUsage()}
 * (scheduled), so a request never waits for a database write. Thread-safe.
 */
public final class ApiKeyService {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_KEYS = 1000;
    /** {@code last_used_at} is rounded to this, so busy keys do not cause a write per request. */
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    private final CredentialStore store;
    private final Clock clock;
    private final Supplier<byte[]> randomTokenBytes;
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> unsavedUses = new ConcurrentHashMap<>();
    private final CredentialLookThrough lookThrough;

    public record CreatedKey(String plaintext, ApiKey key) {
    }

    public ApiKeyService(CredentialStore store, Clock clock, Supplier<byte[]> randomTokenBytes) {
        this(store, clock, randomTokenBytes, CredentialLookThrough.NEVER);
    }

    /** {@code lookThrough}: whether a key this node has not mirrored is looked for in the store (several nodes). */
    public ApiKeyService(CredentialStore store, Clock clock, Supplier<byte[]> randomTokenBytes, CredentialLookThrough lookThrough) {
        this.store = store;
        this.clock = clock;
        this.randomTokenBytes = randomTokenBytes;
        this.lookThrough = lookThrough;
        reread();
    }

    /**
     * Replaces the mirrored keys with the store's (another node issued or revoked one), keeping the
     * later of the two last-use times.
     */
    public void reread() {
        Map<String, ApiKey> stored = new java.util.HashMap<>();
        store.apiKeys().forEach(key -> stored.put(key.keyHash(), key));
        stored.replaceAll((hash, key) -> later(key, keys.get(hash)));
        keys.putAll(stored);
        keys.keySet().retainAll(stored.keySet());
    }

    private static ApiKey later(ApiKey stored, ApiKey mirrored) {
        if (mirrored == null || mirrored.lastUsedAt() == null
                || stored.lastUsedAt() != null && !stored.lastUsedAt().isBefore(mirrored.lastUsedAt())) {
            return stored;
        }
        return stored.usedAt(mirrored.lastUsedAt());
    }

    /** Creates a key for {@code caller}, who may hand on only what it holds ({@link Delegation#requireMayIssueKey}). */
    public synchronized CreatedKey create(Caller caller, String name, ApiKeyScope scope, Set<SiteId> sites) {
        Delegation.requireMayIssueKey(caller, SiteScope.ofGrant(sites));
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        if (keys.size() >= MAX_KEYS) {
            throw new InvalidInputException("name", "at most " + MAX_KEYS + " API keys may exist; revoke unused ones");
        }
        String plaintext = SecretToken.apiKey(randomTokenBytes.get());
        ApiKey key = new ApiKey(SecretToken.hash(plaintext), name.strip(), scope, sites, clock.instant(), null);
        store.saveApiKey(key);
        keys.put(key.keyHash(), key);
        return new CreatedKey(plaintext, key);
    }

    /** The keys the caller manages (those reaching only sites it administers), oldest first. */
    public List<ApiKey> list(Caller caller) {
        return keys.values().stream().filter(key -> Delegation.managesKey(caller, key))
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    /**
     * Revokes the key with this hash; false if there is none. Effective for the next request.
     * {@link AccessDeniedException} for a key the caller does not manage.
     */
    public synchronized boolean revoke(Caller caller, String keyHash) {
        ApiKey existing = keys.get(keyHash);
        if (existing != null && !Delegation.managesKey(caller, existing)) {
            throw new AccessDeniedException("this key reaches sites you do not administer");
        }
        ApiKey removed = keys.remove(keyHash);
        unsavedUses.remove(keyHash);
        return store.deleteApiKey(keyHash) || removed != null;
    }

    /** The key holder for a presented key, recording the use; empty for an unknown or malformed key. */
    public Optional<Caller.KeyHolder> authenticate(String presented) {
        if (!SecretToken.looksLikeApiKey(presented)) {
            return Optional.empty();
        }
        String hash = SecretToken.hash(presented);
        ApiKey key = keys.get(hash);
        if (key == null) {
            key = lookThrough.find(() -> store.apiKey(hash)).orElse(null);
            if (key == null) {
                return Optional.empty();
            }
            keys.putIfAbsent(hash, key);
        }
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || Duration.between(key.lastUsedAt(), now).compareTo(USE_RESOLUTION) >= 0) {
            ApiKey used = key.usedAt(now);
            if (keys.replace(hash, key, used)) {
                unsavedUses.put(hash, now);
            }
            key = used;
        }
        return Optional.of(new Caller.KeyHolder(key));
    }

    /** Writes recorded uses to the store (called on a schedule and at shutdown). */
    public void persistUsage() {
        for (String hash : List.copyOf(unsavedUses.keySet())) {
            Instant at = unsavedUses.remove(hash);
            if (at != null && keys.containsKey(hash)) {
                store.recordApiKeyUse(hash, at);
            }
        }
    }
}
