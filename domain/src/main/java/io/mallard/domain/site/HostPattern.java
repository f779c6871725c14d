package io.mallard.domain.site;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A page host a site accepts events from: an exact host name ({@code shop.example.com}) or every
 * subdomain of one ({@code *.example.com}, which does not match {@code example.com} itself).
 * Stored lower-case; compared case-insensitively; ports play no part.
 */
public record HostPattern(String value) {
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    public static final int MAX_LENGTH = 253;

    public HostPattern {
        if (value == null) {
            throw new IllegalArgumentException("host is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !HOST.matcher(value).matches()) {
            throw new IllegalArgumentException("host must be a host name such as shop.example.com or *.example.com, without scheme or port");
        }
    }

    public boolean matches(String host) {
        String candidate = host.toLowerCase(Locale.ROOT);
        if (value.startsWith("*.")) {
            return candidate.endsWith(value.substring(1));
        }
        return candidate.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
