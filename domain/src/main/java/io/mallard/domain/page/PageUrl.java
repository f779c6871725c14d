package io.mallard.domain.page;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page an event happened on, reduced to what analytics reports: hostname, pathname and the
 * campaign (UTM) parameters.
 *
 * <p>Pathname rules, decided deliberately (the reference collapses hash routes to {@code /}):
 * <ul>
 *   <li>percent-escapes are decoded to text ({@code /caf%C3%A9} → {@code /café});</li>
 *   <li>a trailing slash is removed except on the root ({@code /about/} → {@code /about}), so one
 *       page is not split in two;</li>
 *   <li>a fragment that is a client-side route ({@code #/settings} or {@code #!/settings}) is kept
 *       as part of the path ({@code /app#/settings}); a plain anchor ({@code #section}) is not;</li>
 *   <li>the query string is never part of the path (UTM values are read from it).</li>
 * </ul>
 */
public record PageUrl(String hostname, String pathname, Utm utm) {

    /** Parses an absolute URL (http/https) or a bare path; empty when it is neither. */
    public static Optional<PageUrl> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(escapeIllegal(url.strip()));
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        String scheme = uri.getScheme();
        if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? null : normaliseHost(uri.getHost());
        String path = normalisePath(uri.getRawPath(), uri.getRawFragment());
        return Optional.of(new PageUrl(host, path, Utm.fromQuery(queryParameters(uri.getRawQuery()))));
    }

    static String normalisePath(String rawPath, String rawFragment) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : decode(rawPath);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (rawFragment != null && (rawFragment.startsWith("/") || rawFragment.startsWith("!/"))) {
            path = path + "#" + decode(rawFragment);
        }
        return path;
    }

    public static String normaliseHost(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    /** Decodes %XX escapes in a path, where '+' is a literal plus; a malformed escape leaves the text as sent. */
    static String decode(String text) {
        return decodeQuery(text.replace("+", "%2B"));
    }

    /** Decodes a query component, where '+' means a space. */
    static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** Browsers send some characters raw (spaces, '|', unicode); escape them so {@link URI} accepts the URL. */
    private static String escapeIllegal(String url) {
        StringBuilder escaped = new StringBuilder(url.length());
        for (char c : url.toCharArray()) {
            if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}' || c > 126) {
                escaped.append(c > 126 ? String.valueOf(c) : "%" + String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
