package io.mallard.domain.visitor;

import io.mallard.domain.event.SiteId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The pseudonymous visitor id, derived as the reference does and scoped to one site:
 *
 * <pre>
 *   salt       = HMAC-SHA256(key = "mallard-metrics-salt", msg = secret + ":" + rotation.saltLabel(utcDate))
 *   visitor_id = hex(HMAC-SHA256(key = salt, msg = ip + "|" + userAgent + "|" + siteId))
 * </pre>
 *
 * With the default {@link IdentityRotation#DAILY} rotation the label is the UTC date, exactly the
 * reference's daily salt: the same person gets the same id all day on one site, a different id on
 * another site, and a new id the next UTC day. Weekly and monthly rotation keep the id for the UTC
 * ISO week or month instead. The IP and User-Agent are inputs only; neither can be recovered from
 * the id without the secret.
 *
 * <p>A site that has its own consent may name its signed-in user instead ({@link #identifiedUserId}):
 *
 * <pre>
 *   user_id = hex(HMAC-SHA256(key = HMAC-SHA256(key = "mallard-metrics-user", msg = secret),
 *                             msg = siteId + "|" + userKey))
 * </pre>
 *
 * stable across days and devices, scoped to the site, and never the key itself. Thread-safe.
 */
public final class VisitorIdHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] SALT_KEY = "mallard-metrics-salt".getBytes(StandardCharsets.UTF_8);
    private static final byte[] USER_KEY = "mallard-metrics-user".getBytes(StandardCharsets.UTF_8);

    private final String secret;
    private final IdentityRotation rotation;
    private final Mac userMac;
    private volatile Salt current;

    /** One period's salt as an initialised MAC; each call works on a clone (Mac is not thread-safe). */
    private record Salt(LocalDate date, Mac mac) {
    }

    /** Daily rotation, the reference's derivation. */
    public VisitorIdHasher(String secret) {
        this(secret, IdentityRotation.DAILY);
    }

    public VisitorIdHasher(String secret, IdentityRotation rotation) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        this.secret = secret;
        this.rotation = rotation;
        this.userMac = mac(mac(USER_KEY).doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public IdentityRotation rotation() {
        return rotation;
    }

    public String visitorId(SiteId site, String ip, String userAgent, LocalDate utcDate) {
        return hexMac(saltFor(utcDate).mac(), ip + "|" + userAgent + "|" + site.value());
    }

    /** The id of a user the site itself identified; the same on every day, device and address. */
    public String identifiedUserId(SiteId site, String userKey) {
        return hexMac(userMac, site.value() + "|" + userKey);
    }

    private static String hexMac(Mac prototype, String message) {
        return HexFormat.of().formatHex(copy(prototype).doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private Salt saltFor(LocalDate date) {
        Salt salt = current;
        if (salt == null || !salt.date().equals(date)) {
            byte[] key = mac(SALT_KEY).doFinal((secret + ":" + rotation.saltLabel(date)).getBytes(StandardCharsets.UTF_8));
            salt = new Salt(date, mac(key));
            current = salt;
        }
        return salt;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", impossible);
        }
    }

    /** A clone of an initialised MAC skips the provider lookup and key setup of a new instance. */
    private static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            throw new IllegalStateException("the HmacSHA256 provider must support clone()", notCloneable);
        }
    }
}
