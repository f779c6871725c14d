package io.mallard.bootstrap;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the running server × every kind of caller → allowed or not, built from the
 * router's own route table. The expected rule of each route is written down here: a route added
 * without an entry (or whose annotation disagrees with it) fails the test.
 */
class AuthorizationMatrixTest {
    static final String OWNER_PASSWORD = "owner-password-1";
    static final String PASSWORD = "viewer-password-1";
    static final String METRICS_TOKEN = "scrape-token-0123456789";

    /** The intended rule of every route, "METHOD template". */
    static final Map<String, Access> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/event", Access.PUBLIC),
            Map.entry("GET /api/event", Access.PUBLIC),
            Map.entry("GET /health", Access.PUBLIC),
            Map.entry("GET /health/ready", Access.PUBLIC),
            Map.entry("GET /health/detailed", Access.PUBLIC),
            Map.entry("GET /robots.txt", Access.PUBLIC),
            Map.entry("GET /.well-known/security.txt", Access.PUBLIC),
            Map.entry("GET /api/auth/status", Access.PUBLIC),
            Map.entry("POST /api/auth/setup", Access.PUBLIC),
            Map.entry("POST /api/auth/login", Access.PUBLIC),
            Map.entry("POST /api/auth/logout", Access.SESSION),
            Map.entry("POST /api/auth/password", Access.SESSION),
            Map.entry("GET /api/keys", Access.ADMIN),
            Map.entry("POST /api/keys", Access.ADMIN),
            Map.entry("DELETE /api/keys/{hash}", Access.ADMIN),
            Map.entry("GET /api/users", Access.ADMIN),
            Map.entry("POST /api/users", Access.ADMIN),
            Map.entry("DELETE /api/users/{id}", Access.ADMIN),
            Map.entry("PATCH /api/users/{id}", Access.ADMIN),
            Map.entry("GET /api/sites", Access.READ_STATS),
            Map.entry("GET /api/sites/{id}", Access.READ_STATS),
            Map.entry("POST /api/sites", Access.ADMIN),
            Map.entry("PATCH /api/sites/{id}", Access.ADMIN),
            Map.entry("DELETE /api/sites/{id}", Access.ADMIN),
            Map.entry("GET /api/settings/ingestion", Access.ADMIN),
            Map.entry("PUT /api/settings/ingestion", Access.ADMIN),
            Map.entry("DELETE /api/gdpr/erase", Access.ADMIN),
            Map.entry("GET /metrics", Access.METRICS),
            Map.entry("GET /api/sites/{id}/goals", Access.READ_STATS),
            Map.entry("POST /api/sites/{id}/goals", Access.ADMIN),
            Map.entry("DELETE /api/sites/{id}/goals/{goalId}", Access.ADMIN),
            Map.entry("GET /api/stats/main", Access.READ_STATS),
            Map.entry("GET /api/stats/timeseries", Access.READ_STATS),
            Map.entry("GET /api/stats/overview", Access.READ_STATS),
            Map.entry("GET /api/stats/sessions", Access.READ_STATS),
            Map.entry("GET /api/stats/breakdown/{dimension}", Access.READ_STATS),
            Map.entry("GET /api/stats/breakdown/props/{key}", Access.READ_STATS),
            Map.entry("GET /api/stats/breakdown/goals", Access.READ_STATS),
            Map.entry("GET /api/stats/realtime", Access.READ_STATS),
            Map.entry("GET /api/stats/export", Access.READ_STATS),
            Map.entry("GET /api/stats/funnel", Access.READ_STATS),
            Map.entry("GET /api/stats/retention", Access.READ_STATS),
            Map.entry("GET /api/stats/sequences", Access.READ_STATS),
            Map.entry("GET /api/stats/flow", Access.READ_STATS),
            // The dashboard's screens are shells without data (their script reads the API above) and its static files.
            Map.entry("GET /", Access.PUBLIC),
            Map.entry("GET /login", Access.PUBLIC),
            Map.entry("GET /setup", Access.PUBLIC),
            Map.entry("GET /sites", Access.PUBLIC),
            Map.entry("GET /sites/{siteId}", Access.PUBLIC),
            Map.entry("GET /sites/{siteId}/behavior", Access.PUBLIC),
            Map.entry("GET /settings", Access.PUBLIC),
            Map.entry("GET /mallard.js", Access.PUBLIC),
            Map.entry("GET /mallard.full.js", Access.PUBLIC),
            Map.entry("GET /assets/{name}", Access.PUBLIC)));

    /** Routes about one site ({@value #SITE} in every call): a viewer not granted it is refused even where viewers may read. */
    static final java.util.Set<String> SITE_SCOPED = java.util.Set.of("GET /api/sites/{id}", "GET /api/sites/{id}/goals",
            "GET /api/stats/main", "GET /api/stats/timeseries", "GET /api/stats/overview", "GET /api/stats/sessions", "GET /api/stats/breakdown/{dimension}",
            "GET /api/stats/breakdown/props/{key}", "GET /api/stats/breakdown/goals", "GET /api/stats/realtime", "GET /api/stats/export",
            "GET /api/stats/funnel", "GET /api/stats/retention", "GET /api/stats/sequences", "GET /api/stats/flow");
    static final String SITE = "granted.test";

    enum CallerKind { ANONYMOUS, VIEWER_GRANTED, VIEWER_NOT_GRANTED, READ_ONLY_KEY, ADMIN_KEY, ADMIN_SESSION, METRICS_TOKEN }

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String readOnlyKey;
    static String adminKey;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", OWNER_PASSWORD, "MALLARD_METRICS_TOKEN", METRICS_TOKEN));
        String admin = server.login("admin", OWNER_PASSWORD);
        server.asSession(admin, "POST", "/api/users",
                "{\"username\":\"viewer\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\",\"sites\":[\"" + SITE + "\"]}");
        server.asSession(admin, "POST", "/api/users",
                "{\"username\":\"other\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\",\"sites\":[\"other.test\"]}");
        server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"" + SITE + "\"}");
        readOnlyKey = server.createKey(admin, "ReadOnly");
        adminKey = server.createKey(admin, "Admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Route(String method, String template, Optional<Access> declared) {
        String key() {
            return method + " " + template;
        }

        /** Micronaut answers HEAD for every GET route; it carries the GET route's rule. */
        String ruleKey() {
            return method.equals("HEAD") ? "GET " + template : key();
        }

        Access expected() {
            return EXPECTED.get(ruleKey());
        }
    }

    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : server.context().getBean(Router.class).uriRoutes().toList()) {
            Optional<Access> declared = route.getAnnotationMetadata().enumValue(AccessRule.class, Access.class);
            routes.add(new Route(route.getHttpMethodName(), route.getUriMatchTemplate().toPathString(), declared));
        }
        return routes.stream().distinct().toList();
    }

    @Test
    void everyRouteHasAnExpectedRuleAndDeclaresExactlyIt() {
        List<Route> routes = routes();

        assertThat(routes).filteredOn(route -> !route.method().equals("HEAD")).extracting(Route::key)
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (Route route : routes) {
            assertThat(route.expected()).as("expected rule of %s", route.key()).isNotNull();
            assertThat(route.declared()).as("declared rule of %s", route.key()).contains(route.expected());
        }
    }

    @Test
    void everyCallerGetsExactlyWhatTheRuleAllows() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            for (CallerKind caller : CallerKind.values()) {
                int status = call(route, caller);
                String expected = expectedOutcome(route.expected(), caller, SITE_SCOPED.contains(route.ruleKey()));
                String actual = status == 401 ? "401" : status == 403 ? "403" : "allowed";
                if (!expected.equals(actual) || status >= 500) {
                    wrong.add(route.key() + " as " + caller + ": expected " + expected + ", got " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    static String expectedOutcome(Access rule, CallerKind caller, boolean siteScoped) {
        if (caller == CallerKind.METRICS_TOKEN) {
            return rule == Access.PUBLIC || rule == Access.METRICS ? "allowed" : "403";
        }
        return switch (rule) {
            case PUBLIC -> "allowed";
            case READ_STATS -> caller == CallerKind.ANONYMOUS ? "401"
                    : caller == CallerKind.VIEWER_NOT_GRANTED && siteScoped ? "403" : "allowed";
            case SESSION -> switch (caller) {
                case ANONYMOUS -> "401";
                case READ_ONLY_KEY, ADMIN_KEY, METRICS_TOKEN -> "403";
                case VIEWER_GRANTED, VIEWER_NOT_GRANTED, ADMIN_SESSION -> "allowed";
            };
            case ADMIN, METRICS -> switch (caller) {
                case ANONYMOUS -> "401";
                case READ_ONLY_KEY, VIEWER_GRANTED, VIEWER_NOT_GRANTED, METRICS_TOKEN -> "403";
                case ADMIN_KEY, ADMIN_SESSION -> "allowed";
            };
        };
    }

    /**
     * Calls the route with harmless arguments (unknown ids, empty bodies, an erasure of an empty
     * day): only the perimeter's answer matters.
     */
    static int call(Route route, CallerKind caller) throws Exception {
        String path = route.template().replace("{hash}", "a".repeat(64))
                .replace("/api/sites/{id}", "/api/sites/" + SITE).replace("{id}", "999999")
                .replace("{goalId}", "999999").replace("{dimension}", "pages").replace("{key}", "plan")
                .replace("{siteId}", SITE).replace("{name}", "dashboard.css")
                + "?site_id=" + SITE + "&start_date=2001-01-01&end_date=2001-01-01";
        String body = List.of("POST", "DELETE", "PATCH", "PUT").contains(route.method()) ? "{}" : null;
        HttpResponse<String> response = switch (caller) {
            case ANONYMOUS -> server.send(route.method(), path, body);
            case READ_ONLY_KEY -> server.send(route.method(), path, body, "Authorization", "Bearer " + readOnlyKey);
            case ADMIN_KEY -> server.send(route.method(), path, body, "X-API-Key", adminKey);
            case METRICS_TOKEN -> server.send(route.method(), path, body, "Authorization", "Bearer " + METRICS_TOKEN);
            case VIEWER_GRANTED -> server.asSession(server.login("viewer", PASSWORD), route.method(), path, body);
            case VIEWER_NOT_GRANTED -> server.asSession(server.login("other", PASSWORD), route.method(), path, body);
            case ADMIN_SESSION -> server.asSession(server.login("admin", OWNER_PASSWORD), route.method(), path, body);
        };
        return response.statusCode();
    }
}
