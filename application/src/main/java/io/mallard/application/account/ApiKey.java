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

    /** The sites the key reaches: {@code sites}, or every site when that is empty. */
    public SiteScope siteScope() {
        return SiteScope.ofGrant(sites);
    }

    ApiKey usedAt(Instant at) {
        return new ApiKey(keyHash, name, scope, sites, createdAt, at);
    }
}
