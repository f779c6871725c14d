package io.mallard.http.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The reference's security headers on every response: nosniff, DENY framing (a shared link's page
 * excepted: it may be embedded where configured), a strict referrer
 * policy and no browser feature APIs; a Content-Security-Policy on HTML; {@code Cache-Control:
 * no-store} on JSON (analytics data is not cached by browsers or proxies); HSTS only when the server
 * is behind TLS ({@code MALLARD_SECURE_COOKIES}) or the request arrived over TLS; and an
 * {@code X-Request-ID} to correlate a response with the logs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains; preload";

    private final SecuritySettings settings;

    public SecurityHeadersFilter(SecuritySettings settings) {
        this.settings = settings;
    }

    /** A shared link's page may be framed by the pages {@code MALLARD_SHARE_FRAME_ANCESTORS} names; nothing else may. */
    private static boolean isSharedLinkPage(String path) {
        return path.startsWith("/share/");
    }

    /** API answers are JSON; their content type may be set only when the body is written, after this filter. */
    private static boolean isJsonApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/health/");
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpHeaders headers = response.getHeaders();
        response.header("X-Content-Type-Options", "nosniff");
        boolean embeddable = isSharedLinkPage(request.getPath());
        if (!embeddable) {
            response.header("X-Frame-Options", "DENY");
        }
        response.header("Referrer-Policy", "strict-origin-when-cross-origin");
        response.header("Permissions-Policy", "geolocation=(), microphone=(), camera=()");
        response.header("X-Request-ID", RequestIds.next());
        if (settings.secureCookies() || request.isSecure()) {
            response.header("Strict-Transport-Security", HSTS);
        }
        MediaType type = response.getContentType().orElse(null);
        if (type != null && MediaType.TEXT_HTML.equals(type.getName())) {
            response.header("Content-Security-Policy", embeddable
                    ? CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + settings.shareFrameAncestors())
                    : CONTENT_SECURITY_POLICY);
        }
        boolean json = type != null ? MediaType.APPLICATION_JSON.equals(type.getName()) : isJsonApi(request.getPath());
        if (json && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store, no-cache");
        }
    }
}
