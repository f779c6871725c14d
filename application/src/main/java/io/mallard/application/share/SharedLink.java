package io.mallard.application.share;

import io.mallard.domain.event.SiteId;

import java.time.Instant;

/**
 * A read-only link to one site's dashboard. Its {@code id} is the secret: 128 random bits, written
 * in the link, so it is stored as it is (it is shown again in Settings). {@code passwordHash} is
 * null for a link that opens without a password.
 */
public record SharedLink(String id, SiteId site, String name, String passwordHash, Instant createdAt) {
    public boolean passwordProtected() {
        return passwordHash != null;
    }
}
