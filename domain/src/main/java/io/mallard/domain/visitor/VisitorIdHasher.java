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
 *   daily_salt = HMAC-SHA256(key = "mallard-metrics-salt", msg = secret + ":" + utcDate)
 *   visitor_id = hex(HMAC-SHA256(key = daily_salt, msg = ip + "|" + userAgent + "|" + siteId))
 * </pre>
 *
 * The same person gets the same id all day on one site, a different id on another site, and a new
 * id the next UTC day. The IP and User-Agent are inputs only; neither can be recovered from the id
 * without the secret. Thread-safe.
 */
public final class VisitorIdHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] SALT_KEY = "mallard-metrics-salt".getBytes(StandardCharsets.UTF_8);

    private final String secret;
    private volatile DailySalt current;

    /** The day's salt as an initialised MAC; each call works on a clone (Mac is not thread-safe). */
    private record DailySalt(LocalDate date, Mac mac) {
    }

    public VisitorIdHasher(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        this.secret = secret;
    }

    public String visitorId(SiteId site, String ip, String userAgent, LocalDate utcDate) {
        String message = ip + "|" + userAgent + "|" + site.value();
        return HexFormat.of().formatHex(copy(saltFor(utcDate).mac()).doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private DailySalt saltFor(LocalDate date) {
        DailySalt salt = current;
        if (salt == null || !salt.date().equals(date)) {
            byte[] key = mac(SALT_KEY).doFinal((secret + ":" + date).getBytes(StandardCharsets.UTF_8));
            salt = new DailySalt(date, mac(key));
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
