package io.mallard.http.security;

import io.mallard.application.account.AccessRule;
import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.Caller;
import io.mallard.http.error.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The perimeter of every route: reads the route's {@link AccessRule}, resolves the caller, and
 * answers 401 (no or unknown credentials) or 403 (credentials without the right) before the
 * controller runs. A route without a rule is refused (403) and logged: nothing is open by omission.
 *
 * <p>CSRF: a state-changing request authenticated by the session cookie must come from the dashboard
 * origin ({@code Origin}, else {@code Referer}); with neither header it is refused. API keys are not
 * sent by browsers on their own, so key-authenticated requests need no such check. Setup and login
 * ({@link Access#SIGN_IN}) refuse a request naming another origin.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final CallerResolver callers;
    private final AccessPolicy policy;
    private final SecuritySettings settings;

    public AccessFilter(CallerResolver callers, AccessPolicy policy, SecuritySettings settings) {
        this.callers = callers;
        this.policy = policy;
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        if (route.isEmpty() || request.getMethod() == HttpMethod.OPTIONS) {
            return null;
        }
        Optional<Access> rule = route.get().getAnnotationMetadata().enumValue(AccessRule.class, Access.class);
        if (rule.isEmpty()) {
            LOG.error("route {} {} declares no access rule; refusing it", request.getMethod(), request.getPath());
            return deny(HttpStatus.FORBIDDEN, "this route is not available");
        }
        if (rule.get() == Access.PUBLIC) {
            return null;
        }
        if (rule.get() == Access.SIGN_IN) {
            return namesOrigin(request) && !sameOrigin(request)
                    ? deny(HttpStatus.FORBIDDEN, "cross-site request refused (Origin must be the dashboard's)") : null;
        }
        Caller caller = callers.resolve(request);
        request.setAttribute(CallerResolver.CALLER_ATTRIBUTE, caller);
        return switch (policy.decide(rule.get(), caller)) {
            case UNAUTHENTICATED -> deny(HttpStatus.UNAUTHORIZED, "authentication required");
            case FORBIDDEN -> deny(HttpStatus.FORBIDDEN, "not allowed for these credentials");
            case ALLOW -> caller instanceof Caller.SignedIn && !SAFE_METHODS.contains(request.getMethod()) && !sameOrigin(request)
                    ? deny(HttpStatus.FORBIDDEN, "cross-site request refused (Origin must be the dashboard's)")
                    : null;
        };
    }

    /** Whether a browser said where the request comes from (scripts and curl say nothing). */
    private static boolean namesOrigin(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.ORIGIN) || request.getHeaders().contains(HttpHeaders.REFERER);
    }

    /** Whether the request's Origin (or Referer) is the dashboard origin, or the request's own host when none is configured. */
    boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null) {
            origin = request.getHeaders().get(HttpHeaders.REFERER);
        }
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        try {
            URI presented = URI.create(origin.strip());
            if (presented.getHost() == null) {
                return false;
            }
            if (settings.dashboardOrigin().isPresent()) {
                URI dashboard = URI.create(settings.dashboardOrigin().get());
                return dashboard.getScheme().equalsIgnoreCase(presented.getScheme())
                        && dashboard.getHost().equalsIgnoreCase(presented.getHost())
                        && port(dashboard) == port(presented);
            }
            String host = request.getHeaders().get(HttpHeaders.HOST);
            String presentedAuthority = presented.getHost() + (presented.getPort() == -1 ? "" : ":" + presented.getPort());
            return host != null && host.equalsIgnoreCase(presentedAuthority);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static HttpResponse<ErrorBody> deny(HttpStatus status, String message) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(message, null));
    }
}
