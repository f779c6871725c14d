package io.mallard.domain.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** A login name: 1–64 characters of letters, digits and {@code . _ @ -}, compared case-insensitively (stored lower-case). */
public record Username(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9._@-]{1,64}");
    /** The owner created by first-run setup; the reference's login has no username and means this one. */
    public static final Username OWNER_DEFAULT = new Username("admin");

    public Username {
        if (value == null) {
            throw new IllegalArgumentException("username is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("username must be 1-64 characters of letters, digits and . _ @ -");
        }
    }
}
