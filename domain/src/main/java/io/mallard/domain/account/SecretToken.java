package io.mallard.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer secrets: session tokens and API keys. Both are 256 random bits; only their SHA-256 is ever
 * stored, so a leaked database grants nothing, and lookups go by hash (O(1), no comparison loop to
 * time). API keys carry the reference's format, {@code mm_} + 64 lower-case hex digits.
 */
public final class SecretToken {
    public static final int RANDOM_BYTES = 32;
    private static final String API_KEY_PREFIX = "mm_";
    private static final Pattern API_KEY = Pattern.compile("mm_[0-9a-f]{64}");
    private static final Pattern SESSION = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private SecretToken() {
    }

    public static String apiKey(byte[] random) {
        return API_KEY_PREFIX + hexOf(random);
    }

    public static String session(byte[] random) {
        return hexOf(random);
    }

    public static boolean looksLikeApiKey(String candidate) {
        return candidate != null && API_KEY.matcher(candidate).matches();
    }

    public static boolean looksLikeSession(String candidate) {
        return candidate != null && SESSION.matcher(candidate).matches();
    }

    /** Hex SHA-256 of the token's text: what is stored and looked up. */
    public static String hash(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String hexOf(byte[] random) {
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a token needs " + RANDOM_BYTES + " random bytes");
        }
        return HEX.formatHex(random);
    }
}
