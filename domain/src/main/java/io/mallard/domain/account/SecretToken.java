package io.mallard.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer secrets: session tokens, API keys and shared links' ids. Both are 256 random bits; only their SHA-256 is ever
 * stored, so a leaked database grants nothing, and lookups go by hash (O(1), no comparison loop to
 * time). API keys carry the reference's format, {@code mm_} + 64 lower-case hex digits. The
 * one-time setup code is shorter, for a person to type: 60 random bits as {@code XXXX-XXXX-XXXX}.
 */
public final class SecretToken {
    public static final int RANDOM_BYTES = 32;
    private static final String API_KEY_PREFIX = "mm_";
    private static final Pattern API_KEY = Pattern.compile("mm_[0-9a-f]{64}");
    private static final Pattern SESSION = Pattern.compile("[0-9a-f]{64}");
    private static final int SHARE_LINK_BYTES = 16;
    private static final Pattern SHARE_LINK = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final HexFormat HEX = HexFormat.of();
    /** Crockford's base 32: no I, L, O or U to misread. */
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_CHARACTERS = 12;

    private SecretToken() {
    }

    public static String apiKey(byte[] random) {
        return API_KEY_PREFIX + hexOf(random);
    }

    public static String session(byte[] random) {
        return hexOf(random);
    }

    /** A setup code from random bytes (the first 60 bits are used). */
    public static String setupCode(byte[] random) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (random[i] & 0xff);
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_CHARACTERS; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt((int) (bits >>> (5 * i)) & 31));
        }
        return code.toString();
    }

    /** Whether a typed code is the setup code, ignoring case, dashes and spaces; in constant time. */
    public static boolean matchesSetupCode(String expected, String typed) {
        if (typed == null || typed.length() > 64) {
            return false;
        }
        String normalized = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(expected.replace("-", "").getBytes(StandardCharsets.US_ASCII),
                normalized.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean looksLikeApiKey(String candidate) {
        return candidate != null && API_KEY.matcher(candidate).matches();
    }

    /** A shared link's id: the first 128 of the random bits, base64url without padding (22 characters, short enough for a URL). */
    public static String shareLinkId(byte[] random) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(random, SHARE_LINK_BYTES));
    }

    public static boolean looksLikeShareLinkId(String candidate) {
        return candidate != null && SHARE_LINK.matcher(candidate).matches();
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
