package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared links and segments through the real server: a link reads its one site and nothing else,
 * a password link only after its unlock, a revoked link nothing; the link's page may be framed where
 * configured while every other page refuses it; segments are checked as the stats API's filters.
 */
class SharedLinksApiTest {
    static final String PASSWORD = "owner-password-1";
    static final String SHARE = "X-Mallard-Share";
    static final String GRANT = "X-Mallard-Share-Grant";
    static final String STATS = "/api/stats/main?site_id=%s&period=30d";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String owner;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD,
                "MALLARD_SHARE_FRAME_ANCESTORS", "https://blog.example.com"));
        owner = server.login("admin", PASSWORD);
        for (String site : new String[]{"shared.test", "private.test", "gone.test"}) {
            assertThat(asOwner("POST", "/api/sites", "{\"site_id\":\"" + site + "\"}").statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> asOwner(String method, String path, String body) throws Exception {
        return server.asSession(owner, method, path, body);
    }

    static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(value.find()).as("%s in %s", name, json).isTrue();
        return value.group(1);
    }

    static String share(String site, String body) throws Exception {
        HttpResponse<String> created = asOwner("POST", "/api/sites/" + site + "/shares", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "share_id");
    }

    @Test
    void anOpenLinkReadsItsOwnSiteAndNothingElse() throws Exception {
        HttpResponse<String> created = asOwner("POST", "/api/sites/shared.test/shares", "{\"name\":\"Investors\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = field(created.body(), "share_id");
        assertThat(field(created.body(), "url")).isEqualTo(server.base.resolve("/share/" + id).toString());
        assertThat(created.body()).contains("\"password_protected\":false");

        assertThat(server.get(STATS.formatted("shared.test"), SHARE, id).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/stats/breakdown/pages?site_id=shared.test&period=7d", SHARE, id).statusCode()).isEqualTo(200);
        assertThat(server.get(STATS.formatted("private.test"), SHARE, id).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/sites", SHARE, id).body()).contains("shared.test").doesNotContain("private.test");
        assertThat(asOwner("PATCH", "/api/sites/shared.test", "{\"allowed_hosts\":[\"staging.shared.test\"]}").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/sites/shared.test", SHARE, id).body()).as("the site's settings stay its owner's")
                .isEqualTo("{\"site_id\":\"shared.test\",\"time_zone\":\"UTC\"}");
        assertThat(server.get("/api/sites", SHARE, id).body()).doesNotContain("staging.shared.test");
        assertThat(asOwner("GET", "/api/sites/shared.test", null).body()).contains("\"allowed_hosts\":[\"staging.shared.test\"]", "\"created_at\"");
        assertThat(server.get("/api/sites/shared.test/shares", SHARE, id).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/keys", SHARE, id).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/users", SHARE, id).statusCode()).isEqualTo(403);
        assertThat(server.send("POST", "/api/auth/password", "{}", SHARE, id).statusCode()).isEqualTo(403);
        assertThat(server.get(STATS.formatted("shared.test"), SHARE, id.replace(id.charAt(0), id.charAt(0) == 'A' ? 'B' : 'A'))
                .statusCode()).as("a mistyped link is nobody").isEqualTo(401);

        HttpResponse<byte[]> export = server.getBytes("/api/stats/export?site_id=shared.test&period=30d&format=zip", SHARE, id);
        assertThat(export.statusCode()).as("the dashboard's Export works on a shared link").isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        assertThat(server.get("/api/stats/funnel?site_id=private.test&period=30d&steps=" + java.net.URLEncoder.encode(
                "page:/,page:/pricing", java.nio.charset.StandardCharsets.UTF_8), SHARE, id).statusCode()).isEqualTo(403);

        assertThat(server.get("/api/shares/" + id).body()).contains("\"site_id\":\"shared.test\"", "\"password_required\":false");
        assertThat(asOwner("GET", "/api/sites/shared.test/shares", null).body()).contains(id, "Investors");
    }

    @Test
    void aPasswordLinkReadsOnlyWithTheGrantItsUnlockGives() throws Exception {
        String id = share("shared.test", "{\"password\":\"board-password\"}");
        assertThat(server.get("/api/shares/" + id).body()).contains("\"password_required\":true");
        assertThat(server.get(STATS.formatted("shared.test"), SHARE, id).statusCode()).isEqualTo(401);

        HttpResponse<String> wrong = server.send("POST", "/api/shares/" + id + "/unlock", "{\"password\":\"not-it-at-all\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"field\":\"password\"");
        HttpResponse<String> unlocked = server.send("POST", "/api/shares/" + id + "/unlock", "{\"password\":\"board-password\"}");
        assertThat(unlocked.statusCode()).isEqualTo(200);
        String grant = field(unlocked.body(), "grant");

        assertThat(server.get(STATS.formatted("shared.test"), SHARE, id, GRANT, grant).statusCode()).isEqualTo(200);
        assertThat(server.get(STATS.formatted("shared.test"), SHARE, id, GRANT, grant + "x").statusCode()).isEqualTo(401);
        assertThat(server.send("POST", "/api/shares/" + id + "/unlock", "{\"password\":\"board-password\"}",
                "Origin", "https://evil.example").statusCode()).as("unlock from another site's page").isEqualTo(403);
    }

    @Test
    void aRevokedLinkAndTheLinksOfADeletedSiteOpenNothing() throws Exception {
        String revoked = share("shared.test", "{}");
        assertThat(asOwner("DELETE", "/api/sites/private.test/shares/" + revoked, null).statusCode()).as("another site's link").isEqualTo(404);
        assertThat(asOwner("DELETE", "/api/sites/shared.test/shares/" + revoked, null).statusCode()).isEqualTo(204);
        assertThat(server.get(STATS.formatted("shared.test"), SHARE, revoked).statusCode()).isEqualTo(401);
        assertThat(server.get("/share/" + revoked).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/shares/" + revoked).statusCode()).isEqualTo(404);

        String ofGoneSite = share("gone.test", "{}");
        assertThat(asOwner("DELETE", "/api/sites/gone.test?confirm=gone.test", null).statusCode()).isEqualTo(200);
        assertThat(server.get("/share/" + ofGoneSite).statusCode()).isEqualTo(404);
    }

    @Test
    void badSharesAreRefusedWithTheFieldAtFault() throws Exception {
        HttpResponse<String> shortPassword = asOwner("POST", "/api/sites/shared.test/shares", "{\"password\":\"short\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("\"field\":\"password\"");
        assertThat(asOwner("POST", "/api/sites/shared.test/shares", "{\"name\":\"" + "n".repeat(101) + "\"}").body())
                .contains("\"field\":\"name\"");
        assertThat(asOwner("POST", "/api/sites/shared.test/shares", "{\"name\":7}").statusCode()).isEqualTo(400);
        assertThat(asOwner("POST", "/api/sites/nowhere.test/shares", "{}").statusCode()).isEqualTo(404);
        assertThat(server.send("POST", "/api/shares/" + "A".repeat(22) + "/unlock", "{\"password\":\"anything-1\"}").statusCode()).isEqualTo(404);
        assertThat(server.send("POST", "/api/shares/x/unlock", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheSharedLinksPageMayBeFramedAndOnlyByTheConfiguredOrigin() throws Exception {
        String id = share("shared.test", "{}");
        HttpResponse<String> page = server.get("/share/" + id + "?embed=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-share=\"" + id + "\"", "data-site=\"shared.test\"").doesNotContain("/settings");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors https://blog.example.com")
                .doesNotContain("frame-ancestors 'none'");

        HttpResponse<String> dashboard = server.get("/sites/shared.test");
        assertThat(dashboard.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(server.get("/share/not-a-link").statusCode()).isEqualTo(404);
    }

    @Test
    void segmentsAreSavedByAdminsAsValidatedFiltersAndListedToReaders() throws Exception {
        HttpResponse<String> saved = asOwner("POST", "/api/sites/shared.test/segments",
                "{\"name\":\"Paid\",\"filters\":[[\"is\",\"utm_medium\",[\"cpc\"]],[\"contains\",\"page\",[\"/pricing\"]]]}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(saved.body()).contains("\"filters\":[[\"is\",\"utm_medium\",[\"cpc\"]],[\"contains\",\"page\",[\"/pricing\"]]]");
        String id = saved.body().replaceAll("(?s).*\"segment_id\":(\\d+).*", "$1");

        assertThat(asOwner("POST", "/api/sites/shared.test/segments", "{\"name\":\"paid\",\"filters\":[[\"is\",\"os\",[\"Linux\"]]]}")
                .statusCode()).as("names are unique in a site, whatever their case").isEqualTo(409);
        HttpResponse<String> badOperator = asOwner("POST", "/api/sites/shared.test/segments",
                "{\"name\":\"Bad\",\"filters\":[[\"resembles\",\"page\",[\"/\"]]]}");
        assertThat(badOperator.statusCode()).isEqualTo(400);
        assertThat(badOperator.body()).contains("\"field\":\"filters\"");
        assertThat(asOwner("POST", "/api/sites/shared.test/segments", "{\"name\":\"Empty\",\"filters\":[]}").statusCode()).isEqualTo(400);
        assertThat(asOwner("POST", "/api/sites/shared.test/segments", "{\"filters\":[[\"is\",\"os\",[\"Linux\"]]]}").body())
                .contains("\"field\":\"name\"");

        String link = share("shared.test", "{}");
        assertThat(server.get("/api/sites/shared.test/segments", SHARE, link).body()).contains("\"name\":\"Paid\"");
        assertThat(server.send("POST", "/api/sites/shared.test/segments", "{\"name\":\"Mine\",\"filters\":[[\"is\",\"os\",[\"Linux\"]]]}",
                SHARE, link).statusCode()).isEqualTo(403);
        assertThat(asOwner("DELETE", "/api/sites/shared.test/segments/" + id, null).statusCode()).isEqualTo(204);
        assertThat(asOwner("DELETE", "/api/sites/shared.test/segments/" + id, null).statusCode()).isEqualTo(404);
        assertThat(asOwner("DELETE", "/api/sites/shared.test/segments/abc", null).statusCode()).isEqualTo(400);
        assertThat(asOwner("GET", "/api/sites/shared.test/segments", null).body()).isEqualTo("[]");
    }
}
