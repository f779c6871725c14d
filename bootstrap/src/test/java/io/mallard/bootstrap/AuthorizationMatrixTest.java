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
 * router's own route table. Scoped callers hold site A; every call is about site B, the whole
 * instance or the owner account. The expected rule of each route is written down here: a route
 * added without an entry (or whose annotation disagrees with it) fails the test.
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
            Map.entry("POST /api/auth/setup", Access.SIGN_IN),
            Map.entry("POST /api/auth/login", Access.SIGN_IN),
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
            Map.entry("GET /api/settings/ingestion", Access.INSTANCE_ADMIN),
            Map.entry("PUT /api/settings/ingestion", Access.INSTANCE_ADMIN),
            Map.entry("DELETE /api/gdpr/erase", Access.ADMIN),
            Map.entry("GET /metrics", Access.METRICS),
            Map.entry("GET /api/sites/{id}/goals", Access.READ_STATS),
            Map.entry("POST /api/sites/{id}/goals", Access.ADMIN),
            Map.entry("DELETE /api/sites/{id}/goals/{goalId}", Access.ADMIN),
            Map.entry("GET /api/sites/{id}/shares", Access.ADMIN),
            Map.entry("POST /api/sites/{id}/shares", Access.ADMIN),
            Map.entry("DELETE /api/sites/{id}/shares/{shareId}", Access.ADMIN),
            Map.entry("GET /api/shares/{shareId}", Access.PUBLIC),
            Map.entry("POST /api/shares/{shareId}/unlock", Access.SIGN_IN),
            Map.entry("GET /api/sites/{id}/segments", Access.READ_STATS),
            Map.entry("POST /api/sites/{id}/segments", Access.ADMIN),
            Map.entry("DELETE /api/sites/{id}/segments/{segmentId}", Access.ADMIN),
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
            Map.entry("POST /api/v2/query", Access.READ_STATS),
            // The dashboard's screens are shells without data (their script reads the API above) and its static files.
            Map.entry("GET /", Access.PUBLIC),
            Map.entry("GET /login", Access.PUBLIC),
            Map.entry("GET /setup", Access.PUBLIC),
            Map.entry("GET /sites", Access.PUBLIC),
            Map.entry("GET /sites/{siteId}", Access.PUBLIC),
            Map.entry("GET /sites/{siteId}/behavior", Access.PUBLIC),
            Map.entry("GET /settings", Access.PUBLIC),
            Map.entry("GET /share/{shareId}", Access.PUBLIC),
            Map.entry("GET /mallard.js", Access.PUBLIC),
            Map.entry("GET /mallard.full.js", Access.PUBLIC),
            Map.entry("GET /assets/{name}", Access.PUBLIC)));

    /** What a route's call reaches beyond the caller's perimeter rule. */
    enum Target {
        /** Nothing more: lists filtered to the caller, the caller's own session, public pages. */
        OWN,
        /** Site B ({@value #SITE_B}), granted to no scoped caller. */
        SITE_B,
        /** The whole instance: an Admin key or an admin account for every site. */
        INSTANCE,
        /** The owner account (changed only by the owner). */
        OWNER_ACCOUNT
    }

    static final String SITE_A = "a.test";
    static final String SITE_B = "b.test";

    /** Routes whose call (as {@link #call} makes it) reaches beyond the caller's own things, besides every stats route (site B). */
    static final Map<String, Target> TARGETS = Map.ofEntries(
            Map.entry("GET /api/sites/{id}", Target.SITE_B), Map.entry("GET /api/sites/{id}/goals", Target.SITE_B),
            Map.entry("POST /api/sites", Target.SITE_B), Map.entry("PATCH /api/sites/{id}", Target.SITE_B),
            Map.entry("DELETE /api/sites/{id}", Target.SITE_B), Map.entry("POST /api/sites/{id}/goals", Target.SITE_B),
            Map.entry("DELETE /api/sites/{id}/goals/{goalId}", Target.SITE_B), Map.entry("DELETE /api/gdpr/erase", Target.SITE_B),
            Map.entry("DELETE /api/keys/{hash}", Target.SITE_B),
            Map.entry("GET /api/sites/{id}/shares", Target.SITE_B), Map.entry("POST /api/sites/{id}/shares", Target.SITE_B),
            Map.entry("DELETE /api/sites/{id}/shares/{shareId}", Target.SITE_B),
            Map.entry("GET /api/sites/{id}/segments", Target.SITE_B), Map.entry("POST /api/sites/{id}/segments", Target.SITE_B),
            Map.entry("DELETE /api/sites/{id}/segments/{segmentId}", Target.SITE_B),
            Map.entry("POST /api/v2/query", Target.SITE_B),
            Map.entry("POST /api/keys", Target.INSTANCE), Map.entry("POST /api/users", Target.INSTANCE),
            Map.entry("PATCH /api/users/{id}", Target.OWNER_ACCOUNT), Map.entry("DELETE /api/users/{id}", Target.OWNER_ACCOUNT));

    static Target target(String ruleKey) {
        return ruleKey.startsWith("GET /api/stats/") ? Target.SITE_B : TARGETS.getOrDefault(ruleKey, Target.OWN);
    }

    /** Request bodies that would succeed for a caller with the authority: the matrix tests authority, not validation. */
    static final Map<String, String> BODIES = Map.of(
            "POST /api/keys", "{\"name\":\"matrix\",\"scope\":\"Admin\",\"sites\":[]}",
            "POST /api/users", "{\"username\":\"matrix-%d\",\"role\":\"admin\",\"password\":\"matrix-password\",\"sites\":[]}",
            "PATCH /api/users/{id}", "{\"password\":\"" + OWNER_PASSWORD + "\"}",
            "POST /api/sites", "{\"site_id\":\"" + SITE_B + "\"}",
            "POST /api/sites/{id}/segments", "{\"name\":\"matrix %d\",\"filters\":[[\"is\",\"os\",[\"Linux\"]]]}",
            "PUT /api/settings/ingestion", "{\"unregistered_sites\":\"auto\"}",
            "POST /api/v2/query", "{\"site_id\":\"" + SITE_B + "\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}");

    enum CallerKind {
        ANONYMOUS, VIEWER_OF_A, READ_ONLY_KEY_OF_A, ADMIN_KEY_OF_A, ADMIN_OF_A, UNSCOPED_ADMIN, OWNER, METRICS_TOKEN,
        /** The visitor of a shared link to site A (a link without a password). */
        SHARED_LINK_OF_A,
        /** The visitor of a password link to site A who has not unlocked it: nobody. */
        LOCKED_LINK_OF_A;

        boolean isScopedToA() {
            return this == VIEWER_OF_A || this == READ_ONLY_KEY_OF_A || this == ADMIN_KEY_OF_A || this == ADMIN_OF_A
                    || this == SHARED_LINK_OF_A;
        }

        boolean isAdmin() {
            return this == ADMIN_KEY_OF_A || this == ADMIN_OF_A || this == UNSCOPED_ADMIN || this == OWNER;
        }

        boolean isSession() {
            return this == VIEWER_OF_A || this == ADMIN_OF_A || this == UNSCOPED_ADMIN || this == OWNER;
        }
    }

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String readOnlyKeyOfA;
    static String adminKeyOfA;
    static String keyOfBHash;
    static long ownerId;
    static String linkOfA;
    static String lockedLinkOfA;
    static int created;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", OWNER_PASSWORD, "MALLARD_METRICS_TOKEN", METRICS_TOKEN));
        String owner = server.login("admin", OWNER_PASSWORD);
        for (String site : List.of(SITE_A, SITE_B)) {
            server.asSession(owner, "POST", "/api/sites", "{\"site_id\":\"" + site + "\"}");
        }
        createUser(owner, "viewer-a", "viewer", "[\"" + SITE_A + "\"]");
        createUser(owner, "admin-a", "admin", "[\"" + SITE_A + "\"]");
        createUser(owner, "admin-all", "admin", "[]");
        readOnlyKeyOfA = server.createKey(owner, "ReadOnly", SITE_A);
        adminKeyOfA = server.createKey(owner, "Admin", SITE_A);
        String keyOfB = server.createKey(owner, "ReadOnly", SITE_B);
        keyOfBHash = io.mallard.domain.account.SecretToken.hash(keyOfB);
        linkOfA = shareId(server.asSession(owner, "POST", "/api/sites/" + SITE_A + "/shares", "{}"));
        lockedLinkOfA = shareId(server.asSession(owner, "POST", "/api/sites/" + SITE_A + "/shares", "{\"password\":\"" + PASSWORD + "\"}"));
        ownerId = Long.parseLong(server.asSession(owner, "GET", "/api/users", null).body().replaceAll("(?s).*?\"id\":(\\d+),\"username\":\"admin\".*", "$1"));
    }

    private static String shareId(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll("(?s).*\"share_id\":\"([^\"]+)\".*", "$1");
    }

    private static void createUser(String owner, String name, String role, String sites) throws Exception {
        HttpResponse<String> response = server.asSession(owner, "POST", "/api/users",
                "{\"username\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\",\"sites\":" + sites + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
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
    void everyCallerGetsExactlyWhatTheRuleAndItsSitesAllow() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            Target target = target(route.ruleKey());
            for (CallerKind caller : CallerKind.values()) {
                HttpResponse<String> response = call(route, caller);
                int status = response.statusCode();
                String expected = expectedOutcome(route.expected(), caller, target);
                String actual = status == 401 ? "401" : status == 403 ? "403" : "allowed";
                if (!expected.equals(actual) || status >= 500) {
                    wrong.add(route.key() + " as " + caller + ": expected " + expected + ", got " + status + " " + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The authorization model of SECURITY.md, as a function: rule × caller × what the call reaches. */
    static String expectedOutcome(Access rule, CallerKind caller, Target target) {
        if (caller == CallerKind.METRICS_TOKEN) {
            return rule == Access.PUBLIC || rule == Access.SIGN_IN || rule == Access.METRICS ? "allowed" : "403";
        }
        if (caller == CallerKind.ANONYMOUS || caller == CallerKind.LOCKED_LINK_OF_A) {
            return rule == Access.PUBLIC || rule == Access.SIGN_IN ? "allowed" : "401";
        }
        boolean reaches = switch (target) {
            case OWN -> true;
            case SITE_B, INSTANCE -> !caller.isScopedToA();
            case OWNER_ACCOUNT -> caller == CallerKind.OWNER;
        };
        boolean allowed = switch (rule) {
            case PUBLIC, SIGN_IN -> true;
            case READ_STATS -> reaches;
            case SESSION -> caller.isSession();
            case ADMIN -> caller.isAdmin() && reaches;
            case INSTANCE_ADMIN, METRICS -> caller == CallerKind.UNSCOPED_ADMIN || caller == CallerKind.OWNER;
        };
        return allowed ? "allowed" : "403";
    }

    /**
     * Calls the route about site B with arguments that succeed for a caller with the authority
     * ({@link #BODIES}; unknown ids elsewhere, an erasure of an empty day): only authority matters.
     */
    static HttpResponse<String> call(Route route, CallerKind caller) throws Exception {
        String path = route.template().replace("{hash}", keyOfBHash)
                .replace("/api/sites/{id}", "/api/sites/" + SITE_B).replace("{id}", String.valueOf(ownerId))
                .replace("{goalId}", "999999").replace("{segmentId}", "999999").replace("{shareId}", "A".repeat(22)).replace("{dimension}", "pages").replace("{key}", "plan")
                .replace("{siteId}", SITE_B).replace("{name}", "dashboard.css")
                + "?site_id=" + SITE_B + "&start_date=2001-01-01&end_date=2001-01-01";
        String body = List.of("POST", "DELETE", "PATCH", "PUT").contains(route.method())
                ? BODIES.getOrDefault(route.ruleKey(), "{}").formatted(++created) : null;
        return switch (caller) {
            case ANONYMOUS -> server.send(route.method(), path, body);
            case READ_ONLY_KEY_OF_A -> server.send(route.method(), path, body, "Authorization", "Bearer " + readOnlyKeyOfA);
            case ADMIN_KEY_OF_A -> server.send(route.method(), path, body, "X-API-Key", adminKeyOfA);
            case METRICS_TOKEN -> server.send(route.method(), path, body, "Authorization", "Bearer " + METRICS_TOKEN);
            case SHARED_LINK_OF_A -> server.send(route.method(), path, body, "X-Mallard-Share", linkOfA);
            case LOCKED_LINK_OF_A -> server.send(route.method(), path, body, "X-Mallard-Share", lockedLinkOfA);
            case VIEWER_OF_A -> server.asSession(server.login("viewer-a", PASSWORD), route.method(), path, body);
            case ADMIN_OF_A -> server.asSession(server.login("admin-a", PASSWORD), route.method(), path, body);
            case UNSCOPED_ADMIN -> server.asSession(server.login("admin-all", PASSWORD), route.method(), path, body);
            case OWNER -> server.asSession(server.login("admin", OWNER_PASSWORD), route.method(), path, body);
        };
    }
}
