package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: its SHA-256 (the plaintext is shown once, at creation), a name, a scope,
 * and the sites it is limited to (empty = every site). {@code lastUsedAt} is null until first use.
 */
public record ApiKey(String keyHash, String name, ApiKeyScope scope, Set<SiteId> sites, Instant createdAt, Instant lastUsedAt) {
    public ApiKey {
        sites = Set.copyOf(sites);
    }

    public boolean mayRead(SiteId site) {
        return sites.isEmpty() || sites.contains(site);
    }

    ApiKey usedAt(Instant at) {
        return new ApiKey(keyHash, name, scope, sites, createdAt, at);
    }
}
