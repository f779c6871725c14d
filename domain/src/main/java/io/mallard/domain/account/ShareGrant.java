package io.mallard.domain.account;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The proof that a shared link's password was entered: {@code <expiry>.<mac>}, the expiry in epoch
 * seconds and the MAC an HMAC-SHA256 of {@code <link id>.<expiry>} keyed with the link's password
 * hash. Nothing is stored: a grant is checked by computing its MAC again, so it opens only its own
 * link, only until its expiry, and only while the link keeps that password.
 */
public final class ShareGrant {
    private static final int MAX_LENGTH = 100;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ShareGrant() {
    }

    public static String issue(String linkId, String passwordHash, long expiresEpochSecond) {
        return expiresEpochSecond + "." + mac(linkId, passwordHash, expiresEpochSecond);
    }

    /** Whether {@code grant} is one {@link #issue} made for this link and password that has not expired at {@code nowEpochSecond}. */
    public static boolean valid(String grant, String linkId, String passwordHash, long nowEpochSecond) {
        if (grant == null || grant.length() > MAX_LENGTH) {
            return false;
        }
        int dot = grant.indexOf('.');
        long expires;
        try {
            expires = Long.parseLong(grant.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException malformed) {
            return false;
        }
        return expires > nowEpochSecond && MessageDigest.isEqual(mac(linkId, passwordHash, expires).getBytes(StandardCharsets.US_ASCII),
                grant.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(String linkId, String passwordHash, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(passwordHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal((linkId + "." + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
