package io.mallard.application.account;

import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.Set;

/**
 * A dashboard account. {@code sites} are the sites a viewer may read (ignored for owners and admins,
 * who read every site). {@code passwordHash} is an encoded Argon2id hash, never the password.
 */
public record User(long id, Username username, Role role, String passwordHash, Set<SiteId> sites, Instant createdAt) {
    public User {
        sites = Set.copyOf(sites);
    }

    public boolean mayRead(SiteId site) {
        return role.isAdmin() || sites.contains(site);
    }

    User withAccess(Role newRole, Set<SiteId> newSites) {
        return new User(id, username, newRole, passwordHash, newSites, createdAt);
    }

    User withPasswordHash(String hash) {
        return new User(id, username, role, hash, sites, createdAt);
    }
}
