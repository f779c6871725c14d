package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sites registry and open mode through the real server: validation, access per site, and ingestion rules. */
class SitesApiTest {
    static final String PASSWORD = "owner-password-1";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        admin = server.login("admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        return server.asSession(admin, method, path, body);
    }

    static HttpResponse<String> event(String site, String origin) throws Exception {
        String body = "{\"n\":\"pageview\",\"u\":\"https://" + site + "/\",\"d\":\"" + site + "\"}";
        return origin == null ? server.post(body) : server.post(body, "Origin", origin);
    }

    @Test
    void registeringValidatesEveryFieldAndNamesTheOneAtFault() throws Exception {
        assertThat(asAdmin("POST", "/api/sites", "{}").body()).contains("\"field\":\"site_id\"");
        assertThat(asAdmin("POST", "/api/sites", "{\"site_id\":\"../etc\"}").body()).contains("\"field\":\"site_id\"");
        HttpResponse<String> zone = asAdmin("POST", "/api/sites", "{\"site_id\":\"a.test\",\"time_zone\":\"Mars/Olympus\"}");
        assertThat(zone.statusCode()).isEqualTo(400);
        assertThat(zone.body()).contains("\"field\":\"time_zone\"");
        HttpResponse<String> host = asAdmin("POST", "/api/sites", "{\"site_id\":\"a.test\",\"allowed_hosts\":[\"https://x.test\"]}");
        assertThat(host.statusCode()).isEqualTo(400);
        assertThat(host.body()).contains("\"field\":\"allowed_hosts\"");
        assertThat(asAdmin("POST", "/api/sites", "{\"site_id\":\"a.test\",\"allowed_hosts\":\"x.test\"}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("GET", "/api/sites/a.test", null).statusCode()).as("nothing half-created").isEqualTo(404);
    }

    @Test
    void aSiteIsCreatedOnceUpdatedAndListedOnlyToThoseGrantedIt() throws Exception {
        HttpResponse<String> created = asAdmin("POST", "/api/sites",
                "{\"site_id\":\"Paris.Test\",\"time_zone\":\"Europe/Paris\",\"allowed_hosts\":[\"shop.paris.test\",\"*.cdn.test\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"site_id\":\"paris.test\"", "\"time_zone\":\"Europe/Paris\"",
                "\"allowed_hosts\":[\"shop.paris.test\",\"*.cdn.test\"]");
        assertThat(asAdmin("POST", "/api/sites", "{\"site_id\":\"paris.test\"}").statusCode()).isEqualTo(409);

        HttpResponse<String> patched = asAdmin("PATCH", "/api/sites/paris.test", "{\"time_zone\":\"Asia/Tokyo\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"time_zone\":\"Asia/Tokyo\"", "\"allowed_hosts\":[\"shop.paris.test\",\"*.cdn.test\"]");
        assertThat(asAdmin("PATCH", "/api/sites/nowhere.test", "{}").statusCode()).isEqualTo(404);

        asAdmin("POST", "/api/sites", "{\"site_id\":\"hidden.test\"}");
        asAdmin("POST", "/api/users", "{\"username\":\"paris-viewer\",\"role\":\"viewer\",\"password\":\"viewer-password-1\",\"sites\":[\"paris.test\"]}");
        String viewer = server.login("paris-viewer", "viewer-password-1");
        HttpResponse<String> list = server.asSession(viewer, "GET", "/api/sites", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("paris.test").doesNotContain("hidden.test");
        assertThat(server.asSession(viewer, "GET", "/api/sites/hidden.test", null).statusCode()).isEqualTo(403);
        assertThat(asAdmin("GET", "/api/sites", null).body()).contains("paris.test", "hidden.test");
    }

    @Test
    void onceSitesAreRegisteredOnlyTheirOwnAndAllowedHostsIngestUnlessTheInstanceIsOpen() throws Exception {
        asAdmin("POST", "/api/sites", "{\"site_id\":\"shop.test\",\"allowed_hosts\":[\"*.shop-cdn.test\"]}");
        assertThat(event("shop.test", "https://www.shop.test").statusCode()).isEqualTo(202);
        assertThat(event("shop.test", "https://eu.shop-cdn.test:8443").statusCode()).isEqualTo(202);
        assertThat(event("shop.test", "https://evil.test").statusCode()).isEqualTo(403);
        assertThat(event("unknown.test", null).statusCode()).isEqualTo(403);

        HttpResponse<String> open = asAdmin("PUT", "/api/settings/ingestion", "{\"unregistered_sites\":\"accept\"}");
        assertThat(open.body()).contains("\"unregistered_sites\":\"accept\"", "\"accepting_unregistered\":true");
        assertThat(event("unknown.test", null).statusCode()).isEqualTo(202);
        assertThat(asAdmin("PUT", "/api/settings/ingestion", "{\"unregistered_sites\":\"sometimes\"}").statusCode()).isEqualTo(400);
        asAdmin("PUT", "/api/settings/ingestion", "{\"unregistered_sites\":\"refuse\"}");
        assertThat(event("unknown.test", null).statusCode()).isEqualTo(403);
        asAdmin("PUT", "/api/settings/ingestion", "{\"unregistered_sites\":\"auto\"}");
    }

    @Test
    void deletingASiteNeedsItsIdRepeatedAndErasesItsEvents() throws Exception {
        asAdmin("POST", "/api/sites", "{\"site_id\":\"gone.test\"}");
        assertThat(event("gone.test", null).statusCode()).isEqualTo(202);
        assertThat(event("gone.test", null).statusCode()).isEqualTo(202);
        assertThat(eventsOf("gone.test")).isEqualTo(2);

        HttpResponse<String> unconfirmed = asAdmin("DELETE", "/api/sites/gone.test", null);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("\"field\":\"confirm\"");
        assertThat(asAdmin("DELETE", "/api/sites/gone.test?confirm=other.test", null).statusCode()).isEqualTo(400);
        assertThat(eventsOf("gone.test")).isEqualTo(2);

        HttpResponse<String> deleted = asAdmin("DELETE", "/api/sites/gone.test?confirm=gone.test", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("\"site_id\":\"gone.test\"", "\"events_deleted\":2");
        assertThat(eventsOf("gone.test")).isZero();
        assertThat(asAdmin("GET", "/api/sites/gone.test", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anAdminChangesAViewersSitesRoleAndPasswordAndAResetEndsItsSessions() throws Exception {
        asAdmin("POST", "/api/sites", "{\"site_id\":\"first.test\"}");
        asAdmin("POST", "/api/sites", "{\"site_id\":\"second.test\"}");
        HttpResponse<String> created = asAdmin("POST", "/api/users",
                "{\"username\":\"moving\",\"role\":\"viewer\",\"password\":\"viewer-password-1\",\"sites\":[\"first.test\"]}");
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        String viewer = server.login("moving", "viewer-password-1");
        assertThat(server.asSession(viewer, "GET", "/api/sites/second.test", null).statusCode()).isEqualTo(403);

        HttpResponse<String> regranted = asAdmin("PATCH", "/api/users/" + id, "{\"sites\":[\"second.test\"]}");
        assertThat(regranted.statusCode()).isEqualTo(200);
        assertThat(regranted.body()).contains("\"sites\":[\"second.test\"]", "\"role\":\"viewer\"");
        assertThat(server.asSession(viewer, "GET", "/api/sites/second.test", null).statusCode()).isEqualTo(200);
        assertThat(server.asSession(viewer, "GET", "/api/sites/first.test", null).statusCode()).isEqualTo(403);

        assertThat(asAdmin("PATCH", "/api/users/" + id, "{\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("PATCH", "/api/users/" + id, "{\"password\":\"short\"}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("PATCH", "/api/users/999999", "{}").statusCode()).isEqualTo(404);
        assertThat(asAdmin("PATCH", "/api/users/" + id, "{\"role\":\"admin\",\"password\":\"reset-password-1\"}").body())
                .as("a promoted viewer administers the sites it read, not every site")
                .contains("\"role\":\"admin\"", "\"sites\":[\"second.test\"]");
        assertThat(server.asSession(viewer, "GET", "/api/sites", null).statusCode()).as("reset ends sessions").isEqualTo(401);
        String promoted = server.login("moving", "reset-password-1");
        assertThat(server.asSession(promoted, "GET", "/api/keys", null).statusCode()).isEqualTo(200);
        String ownerId = asAdmin("GET", "/api/users", null).body().replaceAll("^\\[\\{\"id\":(\\d+).*", "$1");
        assertThat(asAdmin("PATCH", "/api/users/" + ownerId, "{\"role\":\"viewer\"}").statusCode()).isEqualTo(400);
    }

    static long eventsOf(String site) throws Exception {
        return server.events(site).size();
    }
}
