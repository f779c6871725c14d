package io.mallard.domain.event;

import java.util.regex.Pattern;

/**
 * The site an event belongs to: the tracker's {@code data-domain}, e.g. {@code example.com}.
 *
 * <p>It names a directory of the cold tier ({@code site_id=S}), so besides the reference's
 * character set {@code [A-Za-z0-9._:-]{1,256}} it may not contain {@code ..}.
 */
public record SiteId(String value) {
    public static final int MAX_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

    public SiteId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("site id must match [A-Za-z0-9._:-]{1,256}");
        }
        if (value.contains("..")) {
            throw new IllegalArgumentException("site id may not contain '..'");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && ALLOWED.matcher(candidate).matches() && !candidate.contains("..");
    }

    @Override
    public String toString() {
        return value;
    }
}
