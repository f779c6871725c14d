package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stats routes through the real server: events sent by the tracker's contract are counted,
 * periods are zero-filled in the site's time zone, every bad parameter is a 400 naming it, goals
 * are managed and counted, the cache is counted in /metrics and cleared by an erasure.
 * (Every figure against a hand-counted fixture: {@code DuckDbStatsQueriesTest}.)
 */
class StatsApiTest {
    static final String PASSWORD = "owner-password-1";
    static final String SITE = "stats.test";
    static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    TestServer server;
    String admin;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD));
        admin = server.login("admin", PASSWORD);
        assertThat(server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"" + SITE + "\",\"time_zone\":\"Asia/Tokyo\"}").statusCode())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void visit(String path, String userAgent, String referrer) throws Exception {
        String body = "{\"n\":\"pageview\",\"u\":\"https://" + SITE + path + "\",\"d\":\"" + SITE + "\""
                + (referrer == null ? "" : ",\"r\":\"" + referrer + "\"") + "}";
        assertThat(server.post(body, "User-Agent", userAgent).statusCode()).isEqualTo(202);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = server.asSession(admin, "GET", path, null);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Three pageviews by two visitors. Each is queryable once its 202 has arrived; the loop checks
     * that against the database itself (a stats route would cache an empty answer).
     */
    void threePageviews() throws Exception {
        visit("/", TestServer.FIREFOX, "https://www.google.com/");
        visit("/pricing", TestServer.FIREFOX, null);
        visit("/", CHROME, null);
        for (int i = 0; i < 200 && server.storedEvents() < 3; i++) {
            Thread.sleep(25);
        }
    }

    void leave(String path, String userAgent, int visibleMillis, int scrollDepth) throws Exception {
        String body = "{\"n\":\"engagement\",\"u\":\"https://" + SITE + path + "\",\"d\":\"" + SITE + "\",\"e\":" + visibleMillis
                + ",\"sd\":" + scrollDepth + "}";
        assertThat(server.post(body, "User-Agent", userAgent).statusCode()).isEqualTo(202);
    }

    @Test
    void pageLeaveReportsBecomeTimeOnPageAndScrollDepthAndAreNoCustomEvents() throws Exception {
        threePageviews();
        leave("/", TestServer.FIREFOX, 20_000, 50);
        leave("/", TestServer.FIREFOX, 4_000, 30);
        leave("/", CHROME, 10_000, 90);
        for (int i = 0; i < 200 && server.storedEvents() < 6; i++) {
            Thread.sleep(25);
        }

        JsonNode main = get("/api/stats/main?site_id=" + SITE + "&period=today");
        // (Firefox, /) 24 s at 50 %, (Chrome, /) 10 s at 90 %: 17 s and 70 % per visitor and page.
        assertThat(main.get("time_on_page").asDouble()).isEqualTo(17.0);
        assertThat(main.get("scroll_depth").asInt()).isEqualTo(70);
        assertThat(main.get("bounce_rate").asDouble()).as("a report is no interaction").isEqualTo(50.0);
        JsonNode pages = get("/api/stats/breakdown/pages?site_id=" + SITE + "&period=today");
        assertThat(pages.get(0).get("value").asText()).isEqualTo("/");
        assertThat(pages.get(0).get("time_on_page").asDouble()).isEqualTo(17.0);
        assertThat(pages.get(0).get("scroll_depth").asInt()).isEqualTo(70);
        assertThat(pages.get(1).get("value").asText()).isEqualTo("/pricing");
        assertThat(pages.get(1).path("time_on_page").isMissingNode() || pages.get(1).get("time_on_page").isNull()).isTrue();
        assertThat(get("/api/stats/breakdown/events?site_id=" + SITE + "&period=today")).as("reports are not custom events").isEmpty();
    }

    @Test
    void mainTimeseriesBreakdownsSessionsAndRealtimeCountTheTrackedEvents() throws Exception {
        threePageviews();
        JsonNode main = get("/api/stats/main?site_id=" + SITE + "&period=today&compare=previous_period");
        assertThat(main.get("unique_visitors").asLong()).isEqualTo(2);
        assertThat(main.get("total_pageviews").asLong()).isEqualTo(3);
        assertThat(main.get("total_visits").asLong()).isEqualTo(2);
        assertThat(main.get("bounce_rate").asDouble()).isEqualTo(50.0);
        assertThat(main.get("pages_per_visit").asDouble()).isEqualTo(1.5);
        assertThat(main.get("range").get("time_zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(main.get("comparison").get("unique_visitors").asLong()).isZero();

        JsonNode week = get("/api/stats/timeseries?site_id=" + SITE + "&period=7d");
        assertThat(week).hasSize(7);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        assertThat(week.get(6).get("date").asText()).isEqualTo(today.toString());
        assertThat(week.get(6).get("pageviews").asLong()).isEqualTo(3);
        assertThat(week.get(0).get("pageviews").asLong()).as("zero-filled").isZero();
        JsonNode hours = get("/api/stats/timeseries?site_id=" + SITE + "&period=day&interval=hour");
        assertThat(hours).hasSize(24);
        assertThat(hours.get(0).get("date").asText()).isEqualTo(today + "T00:00+09:00");

        JsonNode overview = get("/api/stats/overview?site_id=" + SITE + "&period=7d&interval=day");
        assertThat(overview.get("visitors").asLong()).isEqualTo(2);
        assertThat(overview.get("pageviews").asLong()).isEqualTo(3);
        assertThat(overview.get("points")).hasSize(7);
        assertThat(overview.get("points").get(6).get("date").asText()).isEqualTo(today.toString());
        assertThat(overview.get("points").get(6).get("visitors").asLong()).isEqualTo(2);
        assertThat(overview.get("points").get(0).get("pageviews").asLong()).as("zero-filled").isZero();

        JsonNode pages = get("/api/stats/breakdown/pages?site_id=" + SITE + "&period=today&limit=1");
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).get("value").asText()).isEqualTo("/");
        assertThat(pages.get(0).get("visitors").asLong()).isEqualTo(2);
        JsonNode sources = get("/api/stats/breakdown/sources?site_id=" + SITE + "&period=today");
        assertThat(sources.findValuesAsText("value")).containsExactly("Direct / None", "Google");
        JsonNode browsers = get("/api/stats/breakdown/browsers?site_id=" + SITE + "&period=today");
        assertThat(browsers.findValuesAsText("value")).containsExactlyInAnyOrder("Chrome", "Firefox");

        String filters = URLEncoder.encode("[[\"is\",\"visit:source\",[\"Google\"]]]", StandardCharsets.UTF_8);
        JsonNode google = get("/api/stats/sessions?site_id=" + SITE + "&period=today&filters=" + filters);
        assertThat(google.get("total_sessions").asLong()).isEqualTo(1);
        assertThat(google.get("avg_pages_per_session").asDouble()).isEqualTo(2.0);

        JsonNode realtime = get("/api/stats/realtime?site_id=" + SITE);
        assertThat(realtime.get("current_visitors").asLong()).isEqualTo(2);
        assertThat(realtime.get("pageviews_per_minute")).hasSize(30);
        assertThat(realtime.get("pageviews_per_minute").findValues("pageviews").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(3);
    }

    @Test
    void exportIsDailyCsvOrJsonForTheSamePeriodAndFilters() throws Exception {
        threePageviews();
        HttpResponse<String> csv = server.asSession(admin, "GET", "/api/stats/export?site_id=" + SITE + "&period=7d&format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).isEqualTo("date,visitors,pageviews,top_page,top_source");
        assertThat(lines[7]).isEqualTo(LocalDate.now(ZoneId.of("Asia/Tokyo")) + ",2,3,/,Direct / None");
        JsonNode json = get("/api/stats/export?site_id=" + SITE + "&period=7d&format=json");
        assertThat(json).hasSize(7);
        assertThat(json.get(6).get("top_page").asText()).isEqualTo("/");
    }

    @Test
    void theRealtimePeriodIsTheLastThirtyMinutesOnEveryStatsRoute() throws Exception {
        threePageviews();
        io.mallard.application.stats.StatsCache cache = server.context().getBean(io.mallard.application.stats.StatsCache.class);
        long missesBefore = cache.misses();
        int cachedBefore = cache.size();
        JsonNode main = get("/api/stats/main?site_id=" + SITE + "&period=realtime");
        assertThat(main.get("unique_visitors").asLong()).isEqualTo(2);
        assertThat(main.get("total_pageviews").asLong()).isEqualTo(3);
        JsonNode pages = get("/api/stats/breakdown/pages?site_id=" + SITE + "&period=realtime");
        assertThat(pages.get(0).get("value").asText()).isEqualTo("/");
        assertThat(pages.get(0).get("visitors").asLong()).isEqualTo(2);
        JsonNode sources = get("/api/stats/breakdown/sources?site_id=" + SITE + "&period=realtime");
        assertThat(sources.findValuesAsText("value")).containsExactlyInAnyOrder("Google", "Direct / None");
        assertThat(cache.misses()).as("realtime answers bypass the cache").isEqualTo(missesBefore);
        assertThat(cache.size()).as("and leave no entry behind").isEqualTo(cachedBefore);
        get("/api/stats/main?site_id=" + SITE + "&period=today");
        assertThat(cache.misses()).as("where a day's question goes through it").isGreaterThan(missesBefore);
    }

    @Test
    void theZipExportHoldsEveryTableOfTheViewAsCsv() throws Exception {
        threePageviews();
        visit("/?utm_source=%3DHYPERLINK(1)", SAFARI, null);
        for (int i = 0; i < 200 && server.storedEvents() < 4; i++) {
            Thread.sleep(25);
        }
        Map<String, String> all = exportedFiles("");
        assertThat(all.keySet()).contains("visitors.csv", "pages.csv", "sources.csv", "browsers.csv", "countries.csv", "events.csv",
                "utm_source.csv", "goals.csv").doesNotContain("props.csv");
        assertThat(all.get("visitors.csv").split("\r\n")).hasSize(8);
        assertThat(all.get("utm_source.csv")).as("a cell a spreadsheet would run is defused").contains("\r\n'=HYPERLINK(1),1,");
        assertThat(all.get("goals.csv")).isEqualTo("goal,kind,visitors,conversions,conversion_rate\r\n");

        Map<String, String> chrome = exportedFiles("[[\"is\",\"browser\",[\"Chrome\"]]]");
        assertThat(chrome.get("browsers.csv").split("\r\n")).as("only the filtered view")
                .containsExactly("name,visitors,visits,pageviews,bounce_rate,events,revenue,time_on_page,scroll_depth", "Chrome,1,1,1,100.0,1,,,");
    }

    /** The ZIP export of the last 7 days with {@code filters} (JSON, may be empty), file name → text. */
    Map<String, String> exportedFiles(String filters) throws Exception {
        String query = filters.isEmpty() ? "" : "&filters=" + java.net.URLEncoder.encode(filters, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> zip = server.getBytes("/api/stats/export?site_id=" + SITE + "&period=7d&format=zip" + query,
                "Cookie", "mm_session=" + admin);
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".zip");
        Map<String, String> files = new java.util.LinkedHashMap<>();
        try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), new String(entries.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void everyBadParameterIsA400NamingIt() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/stats/main", "site_id"),
                Map.entry("/api/stats/main?site_id=a%20b", "site_id"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&period=fortnight", "period"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&start_date=2026-01-01", "end_date"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&start_date=2026-02-30&end_date=2026-03-01", "start_date"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&start_date=2026-03-02&end_date=2026-03-01", "start_date"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&compare=last_week", "compare"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&filters=%5B%5B%22is%22%5D%5D", "filters"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&filters=%5B%5B%22like%22,%22page%22,%5B%22/%22%5D%5D%5D", "filters"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&filters=%5B%5B%22is%22,%22planet%22,%5B%22x%22%5D%5D%5D", "filters"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&filters=not-json", "filters"),
                Map.entry("/api/stats/timeseries?site_id=" + SITE + "&interval=minute", "interval"),
                Map.entry("/api/stats/timeseries?site_id=" + SITE + "&start_date=2024-01-01&end_date=2025-12-31&interval=hour", "interval"),
                Map.entry("/api/stats/overview?site_id=" + SITE + "&interval=fortnight", "interval"),
                Map.entry("/api/stats/overview?site_id=" + SITE + "&period=forever", "period"),
                Map.entry("/api/stats/breakdown/pages?site_id=" + SITE + "&limit=0", "limit"),
                Map.entry("/api/stats/breakdown/pages?site_id=" + SITE + "&limit=1001", "limit"),
                Map.entry("/api/stats/breakdown/pages?site_id=" + SITE + "&page=x", "page"),
                Map.entry("/api/stats/breakdown/props/a%20b?site_id=" + SITE, "key"),
                Map.entry("/api/stats/export?site_id=" + SITE + "&format=xml", "format"),
                Map.entry("/api/stats/main?site_id=" + SITE + "&period=realtime&compare=previous_period", "compare"),
                Map.entry("/api/stats/funnel?site_id=" + SITE + "&period=realtime&steps=page:/,page:/pricing", "period"));
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            HttpResponse<String> response = server.asSession(admin, "GET", entry.getKey(), null);
            assertThat(response.statusCode()).as(entry.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("field").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        HttpResponse<String> unknown = server.asSession(admin, "GET", "/api/stats/breakdown/planets?site_id=" + SITE, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("entry_pages");
    }

    @Test
    void goalsAreManagedPerSiteAndCounted() throws Exception {
        threePageviews();
        String goals = "/api/sites/" + SITE + "/goals";
        HttpResponse<String> created = server.asSession(admin, "POST", goals, "{\"kind\":\"pageview\",\"value\":\"/pri*\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("goal_id").asLong();
        assertThat(server.asSession(admin, "POST", goals, "{\"kind\":\"pageview\",\"value\":\"/pri*\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> badKind = server.asSession(admin, "POST", goals, "{\"kind\":\"click\",\"value\":\"x\"}");
        assertThat(JSON.readTree(badKind.body()).get("field").asText()).isEqualTo("kind");
        HttpResponse<String> badPath = server.asSession(admin, "POST", goals, "{\"kind\":\"pageview\",\"value\":\"pricing\"}");
        assertThat(JSON.readTree(badPath.body()).get("field").asText()).isEqualTo("value");
        assertThat(server.asSession(admin, "POST", goals, "{\"kind\":\"event\",\"value\":\"signup\"}").statusCode()).isEqualTo(201);
        assertThat(get(goals)).hasSize(2);

        JsonNode conversions = get("/api/stats/breakdown/goals?site_id=" + SITE + "&period=today");
        assertThat(conversions.get(0).get("goal").asText()).isEqualTo("Visit /pri*");
        assertThat(conversions.get(0).get("visitors").asLong()).isEqualTo(1);
        assertThat(conversions.get(0).get("conversion_rate").asDouble()).isEqualTo(50.0);
        assertThat(conversions.get(1).get("conversions").asLong()).isZero();

        assertThat(server.asSession(admin, "DELETE", goals + "/" + id, null).statusCode()).isEqualTo(204);
        assertThat(server.asSession(admin, "DELETE", goals + "/" + id, null).statusCode()).isEqualTo(404);
        assertThat(server.asSession(admin, "DELETE", goals + "/x", null).statusCode()).isEqualTo(400);
        assertThat(server.asSession(admin, "GET", "/api/sites/unknown.test/goals", null).statusCode()).isEqualTo(404);
    }

    @Test
    void repeatedQuestionsAreCachedAndAnErasureClearsTheCache() throws Exception {
        threePageviews();
        String main = "/api/stats/main?site_id=" + SITE + "&period=today";
        assertThat(get(main).get("unique_visitors").asLong()).isEqualTo(2);
        assertThat(get(main).get("unique_visitors").asLong()).isEqualTo(2);
        String metrics = server.asSession(admin, "GET", "/metrics", null).body();
        assertThat(metrics).containsPattern("mallard_cache_hits_total [1-9]");
        assertThat(metrics).containsPattern("mallard_cache_misses_total [1-9]");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        HttpResponse<String> erased = server.asSession(admin, "DELETE",
                "/api/gdpr/erase?site_id=" + SITE + "&start_date=" + today + "&end_date=" + today, null);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(get(main).get("unique_visitors").asLong()).as("not the cached 2").isZero();
    }
}
