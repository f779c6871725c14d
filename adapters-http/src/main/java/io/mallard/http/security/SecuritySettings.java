package io.mallard.http.security;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP perimeter's settings.
 *
 * @param secureCookies   {@code MALLARD_SECURE_COOKIES}: Secure cookies and HSTS (the server sits behind TLS)
 * @param dashboardOrigin {@code MALLARD_DASHBOARD_ORIGIN}: the only origin allowed to change state with a
 *                        session cookie; when empty, the request's own host
 * @param sessionTtl      {@code MALLARD_SESSION_TTL}: the cookie's Max-Age
 * @param metricsToken    {@code MALLARD_METRICS_TOKEN}: bearer token required by /metrics when set
 * @param shareFrameAncestors {@code MALLARD_SHARE_FRAME_ANCESTORS}: the CSP frame-ancestors of shared links' pages
 */
public record SecuritySettings(boolean secureCookies, Optional<String> dashboardOrigin, Duration sessionTtl,
                               Optional<String> metricsToken, String shareFrameAncestors) {
    /** Cookies get the Secure flag when configured or when the dashboard is served over https. */
    public boolean cookiesSecure() {
        return secureCookies || dashboardOrigin.map(origin -> origin.startsWith("https://")).orElse(false);
    }
}
