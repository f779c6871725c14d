package io.mallard.bootstrap;

import io.mallard.domain.account.SecretToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller limited to site A acts only inside A: the escalations a review reproduced, each refused. */
class ScopedAdminTest {
    static final String OWNER_PASSWORD = "owner-password-1";
    static final String PASSWORD = "scoped-password-1";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String owner;
    static String adminKeyOfA;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", OWNER_PASSWORD));
        owner = server.login("admin", OWNER_PASSWORD);
        server.asSession(owner, "POST", "/api/sites", "{\"site_id\":\"a.test\"}");
        server.asSession(owner, "POST", "/api/sites", "{\"site_id\":\"b.test\"}");
        adminKeyOfA = server.createKey(owner, "Admin", "a.test");
        HttpResponse<String> adminOfA = server.asSession(owner, "POST", "/api/users",
                "{\"username\":\"admin-a\",\"role\":\"admin\",\"password\":\"" + PASSWORD + "\",\"sites\":[\"a.test\"]}");
        assertThat(adminOfA.statusCode()).isEqualTo(201);
        assertThat(adminOfA.body()).contains("\"role\":\"admin\"", "\"sites\":[\"a.test\"]");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> asKey(String method, String path, String body) throws Exception {
        return server.send(method, path, body, "X-API-Key", adminKeyOfA);
    }

    @Test
    void anAdminKeyOfOneSiteCannotMintAKeyForEverySiteOrAnotherSite() throws Exception {
        assertThat(asKey("POST", "/api/keys", "{\"name\":\"all\",\"scope\":\"Admin\",\"sites\":[]}").statusCode()).isEqualTo(403);
        assertThat(asKey("POST", "/api/keys", "{\"name\":\"b\",\"scope\":\"ReadOnly\",\"sites\":[\"b.test\"]}").statusCode()).isEqualTo(403);
        assertThat(asKey("POST", "/api/keys", "{\"name\":\"ab\",\"scope\":\"ReadOnly\",\"sites\":[\"a.test\",\"b.test\"]}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aKeyMintedWithinItsOwnSitesReadsThemAndNothingElse() throws Exception {
        HttpResponse<String> minted = asKey("POST", "/api/keys", "{\"name\":\"a only\",\"scope\":\"ReadOnly\",\"sites\":[\"a.test\"]}");
        assertThat(minted.statusCode()).isEqualTo(201);
        String key = minted.body().replaceAll(".*\"key\":\"(mm_[0-9a-f]{64})\".*", "$1");

        assertThat(server.get("/api/stats/main?site_id=a.test", "X-API-Key", key).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/stats/main?site_id=b.test", "X-API-Key", key).statusCode()).isEqualTo(403);
    }

    @Test
    void scopedAdminsCreateNoAdminAndViewersOnlyWithinTheirSites() throws Exception {
        String adminOfA = server.login("admin-a", PASSWORD);
        String admin = "{\"username\":\"%s\",\"role\":\"admin\",\"password\":\"" + PASSWORD + "\",\"sites\":%s}";
        String viewer = "{\"username\":\"%s\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\",\"sites\":%s}";

        assertThat(asKey("POST", "/api/users", admin.formatted("k1", "[]")).statusCode()).isEqualTo(403);
        assertThat(asKey("POST", "/api/users", admin.formatted("k2", "[\"a.test\"]")).statusCode()).isEqualTo(403);
        assertThat(server.asSession(adminOfA, "POST", "/api/users", admin.formatted("s1", "[\"a.test\"]")).statusCode()).isEqualTo(403);
        assertThat(server.asSession(adminOfA, "POST", "/api/users", viewer.formatted("s2", "[\"b.test\"]")).statusCode()).isEqualTo(403);
        assertThat(server.asSession(adminOfA, "POST", "/api/users", viewer.formatted("s3", "[\"a.test\"]")).statusCode()).isEqualTo(201);
    }

    @Test
    void onlyTheOwnerChangesTheOwner() throws Exception {
        String unscoped = "{\"username\":\"admin-all\",\"role\":\"admin\",\"password\":\"" + PASSWORD + "\",\"sites\":[]}";
        server.asSession(owner, "POST", "/api/users", unscoped);
        String reset = "{\"password\":\"taken-over-1\"}";

        assertThat(asKey("PATCH", "/api/users/1", reset).statusCode()).isEqualTo(403);
        assertThat(server.asSession(server.login("admin-a", PASSWORD), "PATCH", "/api/users/1", reset).statusCode()).isEqualTo(403);
        assertThat(server.asSession(server.login("admin-all", PASSWORD), "PATCH", "/api/users/1", reset).statusCode()).isEqualTo(403);
        assertThat(server.asSession(server.login("admin-all", PASSWORD), "DELETE", "/api/users/1", null).statusCode()).isEqualTo(403);
        assertThat(server.login("admin", OWNER_PASSWORD)).isNotBlank();
    }

    @Test
    void aScopedAdminCannotTouchInstanceSettings() throws Exception {
        String body = "{\"unregistered_sites\":\"accept\"}";
        assertThat(asKey("PUT", "/api/settings/ingestion", body).statusCode()).isEqualTo(403);
        assertThat(server.asSession(server.login("admin-a", PASSWORD), "PUT", "/api/settings/ingestion", body).statusCode()).isEqualTo(403);
        assertThat(server.asSession(owner, "GET", "/api/settings/ingestion", null).body()).contains("\"unregistered_sites\":\"auto\"");
    }

    @Test
    void anAdminCreatedForOneSiteKeepsItsListAndAdministersOnlyThatSite() throws Exception {
        String adminOfA = server.login("admin-a", PASSWORD);

        assertThat(server.asSession(adminOfA, "GET", "/api/stats/main?site_id=a.test", null).statusCode()).isEqualTo(200);
        assertThat(server.asSession(adminOfA, "GET", "/api/stats/main?site_id=b.test", null).statusCode()).isEqualTo(403);
        assertThat(server.asSession(adminOfA, "PATCH", "/api/sites/b.test", "{\"time_zone\":\"Europe/Paris\"}").statusCode()).isEqualTo(403);
        assertThat(server.asSession(adminOfA, "GET", "/api/sites", null).body()).contains("a.test").doesNotContain("b.test");
        assertThat(server.asSession(owner, "GET", "/api/users", null).body()).contains("\"username\":\"admin-a\",\"role\":\"admin\",\"sites\":[\"a.test\"]");
    }

    @Test
    void aScopedAdminSeesAndRevokesOnlyKeysWithinItsSites() throws Exception {
        String keyOfB = server.createKey(owner, "ReadOnly", "b.test");
        String hashOfB = SecretToken.hash(keyOfB);

        assertThat(asKey("GET", "/api/keys", null).body()).doesNotContain(hashOfB).contains(SecretToken.hash(adminKeyOfA));
        assertThat(asKey("DELETE", "/api/keys/" + hashOfB, null).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/stats/main?site_id=b.test", "X-API-Key", keyOfB).statusCode()).isEqualTo(200);
    }
}
