package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/gdpr/erase} through the real server, over events in Parquet and in the hot
 * table. (Journal-only events and days cut by a time zone: {@code DuckDbErasureTest}.)
 */
class GdprEraseApiTest {
    static final String PASSWORD = "owner-password-1";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dataDir;
    TestServer server;
    String admin;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        admin = server.login("admin", PASSWORD);
        server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"paris.test\",\"time_zone\":\"Europe/Paris\"}");
        server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"other.test\"}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void events(String site, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = server.post("{\"n\":\"pageview\",\"u\":\"https://" + site + "/p" + i + "\",\"d\":\"" + site + "\"}");
            assertThat(response.statusCode()).isEqualTo(202);
        }
    }

    long eventsOf(String site) {
        return server.events(site).size();
    }

    HttpResponse<String> erase(String query) throws Exception {
        return server.asSession(admin, "DELETE", "/api/gdpr/erase?" + query, null);
    }

    @Test
    void erasesTheSitesDaysFromBothTiersInItsTimeZoneAndAnswersWhatItRemoved() throws Exception {
        events("paris.test", 3);
        events("other.test", 2);
        server.settle();
        events("paris.test", 2);
        String today = LocalDate.now(PARIS).toString();

        HttpResponse<String> response = erase("site_id=paris.test&start_date=" + today + "&end_date=" + today);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"site_id\":\"paris.test\"", "\"start_date\":\"" + today + "\"",
                "\"end_date\":\"" + today + "\"", "\"time_zone\":\"Europe/Paris\"", "\"events_deleted\":5", "\"from\":", "\"until\":");
        assertThat(eventsOf("paris.test")).isZero();
        assertThat(eventsOf("other.test")).isEqualTo(2);
    }

    void identified(String site, String uid, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String identity = uid == null ? "" : ",\"uid\":\"" + uid + "\"";
            HttpResponse<String> response = server.post("{\"n\":\"pageview\",\"u\":\"/u" + i + "\",\"d\":\"" + site + "\"" + identity + "}");
            assertThat(response.statusCode()).isEqualTo(202);
        }
    }

    @Test
    void erasureByUidRemovesThatPersonsEventsFromEveryTierAndNothingElse() throws Exception {
        String alice = "alice@shop.example";
        identified("paris.test", alice, 3);
        identified("paris.test", "bob", 2);
        identified("paris.test", null, 2);
        identified("other.test", alice, 1);
        server.settle();
        identified("paris.test", alice, 2);
        String aliceId = io.mallard.bootstrap.wiring.Wiring.visitorIdHasher(server.config)
                .identifiedUserId(new io.mallard.domain.event.SiteId("paris.test"), alice);

        HttpResponse<String> response = erase("site_id=paris.test&uid=" + java.net.URLEncoder.encode(alice, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"site_id\":\"paris.test\"", "\"events_deleted\":5").doesNotContain("alice");
        assertThat(eventsOf("paris.test")).as("bob's and the anonymous events stay").isEqualTo(4);
        assertThat(eventsOf("other.test")).as("the same person on another site is another pseudonym").isEqualTo(1);
        assertThat(server.events("paris.test")).noneMatch(event -> event.visitorId().equals(aliceId));
        assertThat(erase("site_id=paris.test&uid=" + java.net.URLEncoder.encode(alice, java.nio.charset.StandardCharsets.UTF_8)).body())
                .as("repeating it is harmless").contains("\"events_deleted\":0");
    }

    @Test
    void erasureByUidRefusesAMalformedRequest() throws Exception {
        assertThat(erase("site_id=paris.test&uid=").body()).contains("\"field\":\"uid\"");
        assertThat(erase("site_id=paris.test&uid=" + "x".repeat(257)).body()).contains("\"field\":\"uid\"");
        HttpResponse<String> both = erase("site_id=paris.test&uid=bob&start_date=2026-01-01&end_date=2026-01-02");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"uid\"");
    }

    @Test
    void aRangeWithoutEventsRemovesNothing() throws Exception {
        events("paris.test", 2);
        HttpResponse<String> response = erase("site_id=paris.test&start_date=2001-01-01&end_date=2001-12-31");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"events_deleted\":0", "\"files_deleted\":0", "\"files_rewritten\":0");
        assertThat(eventsOf("paris.test")).isEqualTo(2);
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        assertThat(erase("start_date=2026-01-01&end_date=2026-01-02").body()).contains("\"field\":\"site_id\"");
        assertThat(erase("site_id=a%27b&start_date=2026-01-01&end_date=2026-01-02").body()).contains("\"field\":\"site_id\"");
        assertThat(erase("site_id=paris.test&end_date=2026-01-02").body()).contains("\"field\":\"start_date\"");
        assertThat(erase("site_id=paris.test&start_date=2026-01-01&end_date=tomorrow").body()).contains("\"field\":\"end_date\"");
        HttpResponse<String> reversed = erase("site_id=paris.test&start_date=2026-01-02&end_date=2026-01-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("\"field\":\"end_date\"");
    }

    @Test
    void anAdminKeyRestrictedToOtherSitesCannotEraseThisOne() throws Exception {
        HttpResponse<String> created = server.asSession(admin, "POST", "/api/keys",
                "{\"name\":\"other only\",\"scope\":\"Admin\",\"sites\":[\"other.test\"]}");
        String key = created.body().replaceAll(".*\"key\":\"(mm_[0-9a-f]{64})\".*", "$1");
        events("paris.test", 1);

        HttpResponse<String> refused = server.send("DELETE", "/api/gdpr/erase?site_id=paris.test&start_date=2001-01-01&end_date=2099-01-01",
                null, "X-API-Key", key);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(eventsOf("paris.test")).isEqualTo(1);
    }
}
