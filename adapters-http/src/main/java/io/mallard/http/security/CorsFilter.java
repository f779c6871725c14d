package io.mallard.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Two cross-origin policies, as the reference's:
 * <ul>
 *   <li>ingestion ({@code /api/event}) is open to every origin — trackers run on the sites'
 *   pages — without credentials;</li>
 *   <li>everything else answers cross-origin only to {@code MALLARD_DASHBOARD_ORIGIN}, with
 *   credentials (a dashboard served from another host). Other origins get no CORS headers, so
 *   browsers keep the answers from them; same-origin requests are unaffected.</li>
 * </ul>
 * Preflights are answered here (204) for the origins a policy admits.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CorsFilter implements Ordered {
    static final String INGESTION_PATH = "/api/event";
    private static final String MAX_AGE = "86400";

    private final SecuritySettings settings;

    public CorsFilter(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> preflight(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (request.getMethod() != HttpMethod.OPTIONS || origin == null
                || request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) == null) {
            return null;
        }
        MutableHttpResponse<?> response = HttpResponse.noContent();
        if (allow(request, origin, response)) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, isIngestion(request) ? "POST, GET, OPTIONS" : "GET, POST, PATCH, DELETE, OPTIONS")
                    .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            String headers = request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            if (headers != null) {
                response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
            }
        }
        return response;
    }

    @ResponseFilter
    public void actual(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && request.getMethod() != HttpMethod.OPTIONS) {
            allow(request, origin, response);
        }
    }

    /** Adds the allow-origin headers when the request's policy admits the origin; says whether it did. */
    private boolean allow(HttpRequest<?> request, String origin, MutableHttpResponse<?> response) {
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (isIngestion(request)) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            return true;
        }
        if (settings.dashboardOrigin().map(origin::equalsIgnoreCase).orElse(false)) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            return true;
        }
        return false;
    }

    private static boolean isIngestion(HttpRequest<?> request) {
        return request.getPath().equals(INGESTION_PATH);
    }
}
