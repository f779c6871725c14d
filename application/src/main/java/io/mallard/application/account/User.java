package io.mallard.application.account;

import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.Set;

/**
 * A dashboard account. {@code sites} are the sites a viewer may read, or the sites an admin
 * administers (empty: every site, like an API key's grant); the owner reaches every site.
 * {@code passwordHash} is an encoded Argon2id hash, never the password.
 */
public record User(long id, Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt) {
    public User {
        sites = Set.copyOf(sites);
    }

    /** The sites the account reads (and, for an admin, administers). */
    public SiteScope siteScope() {
        return switch (role) {
            case OWNER -> SiteScope.EVERY;
            case ADMIN -> SiteScope.ofGrant(sites);
            case VIEWER -> new SiteScope.Only(sites);
        };
    }

    User withAccess(Role newRole, Set<SiteId> newSites) {
        return new User(id, username, newRole, passwordHash, newSites, createdAt);
    }

    User withPasswordHash(String hash) {
        return new User(id, username, role, hash, sites, createdAt);
    }
}
