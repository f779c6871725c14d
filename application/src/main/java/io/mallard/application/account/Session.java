package io.mallard.application.account;

import java.time.Instant;

/** A signed-in browser: the SHA-256 of its cookie token, whose account, and until when. */
public record Session(String tokenHash, long userId, Instant createdAt, Instant expiresAt) {
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
