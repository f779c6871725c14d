package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.application.account.LoginThrottle;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** First run, login, sessions, lockout, CSRF, keys and headers, through the real HTTP server. */
class AuthFlowTest {
    static final String PASSWORD = "correct-horse-1";

    @TempDir
    Path dataDir;
    TestServer server;

    TestServer start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        server = new TestServer(dataDir, all);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void firstRunRequiresSetupOnceAndKeepsTheApiClosedUntilThen() throws Exception {
        start(Map.of());
        assertThat(server.get("/api/auth/status").body()).contains("\"setup_required\":true", "\"authenticated\":false");
        assertThat(server.get("/health/detailed").body()).contains("\"auth_configured\":false");
        assertThat(server.get("/api/keys").statusCode()).isEqualTo(401);

        String code = setupCode();
        assertThat(server.send("POST", "/api/auth/setup", "{\"password\":\"" + PASSWORD + "\"}").statusCode())
                .as("no setup code").isEqualTo(403);
        HttpResponse<String> setup = server.send("POST", "/api/auth/setup",
                "{\"password\":\"" + PASSWORD + "\",\"setup_code\":\"" + code + "\"}");

        assertThat(setup.statusCode()).isEqualTo(201);
        assertThat(setup.body()).contains("\"authenticated\":true", "\"role\":\"owner\"").doesNotContain(TestServer.sessionToken(setup).orElseThrow());
        assertThat(server.send("POST", "/api/auth/setup", "{\"password\":\"another-password\"}").statusCode()).isEqualTo(409);
        assertThat(server.get("/api/auth/status").body()).contains("\"setup_required\":false");
        assertThat(server.get("/health/detailed").body()).contains("\"auth_configured\":true");
        String token = TestServer.sessionToken(setup).orElseThrow();
        assertThat(server.asSession(token, "GET", "/api/keys", null).statusCode()).isEqualTo(200);
    }

    private String setupCode() {
        return server.context().getBean(io.mallard.application.account.AccountService.class).setupCode().orElseThrow();
    }

    @Test
    void aPageOnAnotherSiteCannotClaimAFreshInstanceOrSignItsVisitorIn() throws Exception {
        start(Map.of());
        String body = "{\"password\":\"" + PASSWORD + "\",\"setup_code\":\"" + setupCode() + "\"}";

        HttpResponse<String> crossSite = server.send("POST", "/api/auth/setup", body,
                "Origin", "https://evil.example", "Content-Type", "text/plain");
        HttpResponse<String> crossSiteReferer = server.send("POST", "/api/auth/setup", body, "Referer", "https://evil.example/page");
        HttpResponse<String> crossSiteLogin = server.send("POST", "/api/auth/login", body, "Origin", "https://evil.example");

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("cross-site");
        assertThat(crossSiteReferer.statusCode()).isEqualTo(403);
        assertThat(crossSiteLogin.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/auth/status").body()).contains("\"setup_required\":true");
        assertThat(server.send("POST", "/api/auth/setup", body, "Origin", "http://" + server.base.getAuthority()).statusCode())
                .as("the dashboard's own origin").isEqualTo(201);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOnlyWhenConfigured() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_SESSION_TTL", "3600"));
        HttpResponse<String> login = server.send("POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}");

        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("mm_session=[0-9a-f]{64}; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict");
        server.close();
        server = null;

        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_SECURE_COOKIES", "true"));
        HttpResponse<String> secure = server.send("POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(secure.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Secure");
        assertThat(secure.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains; preload");
    }

    @Test
    void wrongPasswordsLockTheOwnerOutOnlyAtTheAttackersAddress() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_MAX_LOGIN_ATTEMPTS", "3", "MALLARD_LOGIN_LOCKOUT", "120",
                "MALLARD_TRUSTED_PROXIES", "127.0.0.1"));
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(server.send("POST", "/api/auth/login", "{\"password\":\"wrong-password\"}", "X-Forwarded-For", "198.51.100.7")
                    .statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = server.send("POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}",
                "X-Forwarded-For", "198.51.100.7");
        long start = System.nanoTime();
        HttpResponse<String> elsewhere = server.send("POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}",
                "X-Forwarded-For", "192.0.2.44");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 121);
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(elsewhere.statusCode()).as("the owner from another address").isEqualTo(200);
        assertThat(waited).as("answered after the slow-down").isGreaterThanOrEqualTo(LoginThrottle.SLOW_DOWN);
    }

    @Test
    void logoutAndPasswordChangeEndSessionsAtOnce() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        String first = server.login("admin", PASSWORD);
        String second = server.login("admin", PASSWORD);

        HttpResponse<String> change = server.asSession(first, "POST", "/api/auth/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a-new-password-2\"}");

        assertThat(change.statusCode()).isEqualTo(204);
        assertThat(server.asSession(second, "GET", "/api/keys", null).statusCode()).isEqualTo(401);
        assertThat(server.asSession(first, "GET", "/api/keys", null).statusCode()).isEqualTo(200);
        assertThat(server.asSession(first, "POST", "/api/auth/logout", null).statusCode()).isEqualTo(204);
        assertThat(server.asSession(first, "GET", "/api/keys", null).statusCode()).isEqualTo(401);
        assertThat(server.send("POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void cookieAuthenticatedChangesNeedTheDashboardOrigin() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        String token = server.login("admin", PASSWORD);
        String body = "{\"name\":\"csrf\"}";

        int noOrigin = server.send("POST", "/api/keys", body, "Cookie", "mm_session=" + token).statusCode();
        int foreign = server.send("POST", "/api/keys", body, "Cookie", "mm_session=" + token, "Origin", "https://evil.example").statusCode();
        int foreignReferer = server.send("POST", "/api/keys", body, "Cookie", "mm_session=" + token,
                "Referer", "https://evil.example/page").statusCode();
        int sameOrigin = server.asSession(token, "POST", "/api/keys", body).statusCode();

        assertThat(noOrigin).isEqualTo(403);
        assertThat(foreign).isEqualTo(403);
        assertThat(foreignReferer).isEqualTo(403);
        assertThat(sameOrigin).isEqualTo(201);
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        String admin = server.login("admin", PASSWORD);
        String key = server.createKey(admin, "Admin");
        assertThat(server.send("GET", "/api/keys", null, "X-API-Key", key).statusCode()).isEqualTo(200);
        String hash = server.send("GET", "/api/keys", null, "X-API-Key", key).body().replaceAll(".*\"key_hash\":\"([0-9a-f]{64})\".*", "$1");

        assertThat(server.send("DELETE", "/api/keys/" + hash, null, "Authorization", "Bearer " + key).statusCode()).isEqualTo(204);

        assertThat(server.send("GET", "/api/keys", null, "X-API-Key", key).statusCode()).isEqualTo(401);
        assertThat(server.send("GET", "/api/keys", null, "X-API-Key", "mm_" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(server.send("GET", "/api/keys", null, "Authorization", "Bearer not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndJsonIsNotCached() throws Exception {
        start(Map.of());
        for (String path : new String[] {"/health", "/api/auth/status", "/api/keys", "/no/such/route"}) {
            HttpResponse<String> response = server.get(path);
            // Once in a few hundred runs (CI, 2026-11-21) /api/keys came back without these headers: say what came back.
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as("%s -> %d %s", path, response.statusCode(), response.headers().map()).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
            assertThat(response.headers().firstValue("Permissions-Policy")).as(path).hasValue("geolocation=(), microphone=(), camera=()");
            assertThat(response.headers().firstValue("X-Request-ID")).as(path).hasValueSatisfying(id -> assertThat(id).hasSize(36));
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
        assertThat(server.get("/api/auth/status").headers().firstValue("Cache-Control")).hasValue("no-store, no-cache");
    }

    @Test
    void theApiAnswersCrossOriginOnlyToTheDashboardOrigin() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_DASHBOARD_ORIGIN", "https://stats.example.com"));

        HttpResponse<String> dashboard = server.get("/api/auth/status", "Origin", "https://stats.example.com");
        HttpResponse<String> other = server.get("/api/auth/status", "Origin", "https://evil.example");
        HttpResponse<String> preflight = server.send("OPTIONS", "/api/keys", null, "Origin", "https://stats.example.com",
                "Access-Control-Request-Method", "DELETE");

        assertThat(dashboard.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://stats.example.com");
        assertThat(dashboard.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("DELETE"));
    }

    @Test
    void malformedAuthBodiesAreClear400s() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        String[] bodies = {"", "not json", "[]", "{\"password\":1}", "{\"password\":\"x\",\"password\":\"y\"}",
                "{\"password\":\"" + "é".repeat(3000) + "\"}", "\"\\u0000\""};
        for (String body : bodies) {
            int login = server.send("POST", "/api/auth/login", body).statusCode();
            assertThat(login).as("login with %s", body).isIn(400, 401);
        }
        assertThat(server.send("POST", "/api/auth/setup", "{\"password\":\"short\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void everyRouteRefusesABodyOverOneMebibyteWithAJsonErrorAndMicronautsOwnErrorsShareTheShape() throws Exception {
        start(Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        String huge = "{\"password\":\"" + "p".repeat(1_100_000) + "\"}";
        for (String path : java.util.List.of("/api/auth/setup", "/api/auth/login", "/api/event")) {
            HttpResponse<String> response = server.send("POST", path, huge);
            assertThat(response.statusCode()).as(path).isEqualTo(413);
            assertThat(response.body()).as(path).startsWith("{\"error\":");
        }
        assertThat(server.get("/no/such/route").body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(server.send("PUT", "/health", null).body()).isEqualTo("{\"error\":\"method not allowed\"}");
        String token = server.login("admin", PASSWORD);
        HttpResponse<String> badId = server.asSession(token, "DELETE", "/api/users/not-a-number", null);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).isEqualTo("{\"error\":\"id has an invalid value\",\"field\":\"id\"}");
    }
}
