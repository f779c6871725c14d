package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.bootstrap.generator.GenerateCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plausible's Stats API v2 ({@code POST /api/v2/query}) through the real server, on generated
 * traffic: each answer equals the server's own route for the same question, and what Plausible
 * has and this server does not is a 400 naming the field.
 */
class PlausibleQueryApiTest {
    static final String SITE = "plausible.test";
    static final String PASSWORD = "owner-password-1";
    static final String RANGE = "\"date_range\":[\"2026-03-04\",\"2026-03-10\"]";
    static final String OWN_RANGE = "site_id=" + SITE + "&period=custom&start_date=2026-03-04&end_date=2026-03-10";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String session;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = Map.of("MALLARD_DATA_DIR", dataDir.toString(), "MALLARD_SECRET", "plausible-query-secret-01",
                "MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_SITE_IDS", SITE);
        GenerateCommand.generate(Main.loadConfig(new String[0], settings),
                new GenerateCommand.Options(SITE, 4000, 7, 11, LocalDate.parse("2026-03-10")), Clock.systemUTC());
        server = new TestServer(dataDir, Map.of("MALLARD_STORAGE", "duckdb", "MALLARD_SECRET", "plausible-query-secret-01", "MALLARD_ADMIN_PASSWORD", PASSWORD,
                "MALLARD_CACHE_TTL", "0"));
        session = server.login("admin", PASSWORD);
        key = server.createKey(session, "ReadOnly", SITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode query(String body) throws Exception {
        HttpResponse<String> response = ask(body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> ask(String body) throws Exception {
        return server.send("POST", "/api/v2/query", body, "Authorization", "Bearer " + key, "Content-Type", "application/json");
    }

    static JsonNode own(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.asSession(session, "GET", pathAndQuery, null);
        assertThat(response.statusCode()).as(pathAndQuery + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void anAggregateEqualsTheMainRoute() throws Exception {
        JsonNode answer = query("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\",\"visits\",\"pageviews\",\"events\",\"bounce_rate\","
                + "\"visit_duration\",\"views_per_visit\"]," + RANGE + "}");
        JsonNode main = own("/api/stats/main?" + OWN_RANGE);

        assertThat(answer.get("results")).hasSize(1);
        JsonNode metrics = answer.get("results").get(0).get("metrics");
        assertThat(main.get("unique_visitors").asLong()).isPositive();
        assertThat(List.of(metrics.get(0).asLong(), metrics.get(1).asLong(), metrics.get(2).asLong(), metrics.get(3).asLong()))
                .containsExactly(main.get("unique_visitors").asLong(), main.get("total_visits").asLong(), main.get("total_pageviews").asLong(),
                        main.get("total_events").asLong());
        assertThat(List.of(metrics.get(4).asDouble(), metrics.get(5).asDouble(), metrics.get(6).asDouble()))
                .containsExactly(main.get("bounce_rate").asDouble(), main.get("avg_visit_duration_secs").asDouble(), main.get("pages_per_visit").asDouble());
        assertThat(answer.get("results").get(0).get("dimensions")).isEmpty();
        assertThat(answer.get("query").get("date_range").toString()).isEqualTo("[\"2026-03-04\",\"2026-03-10\"]");
    }

    @Test
    void aPageBreakdownOrderedAndPaginatedEqualsThePagesRoute() throws Exception {
        JsonNode answer = query("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\",\"pageviews\"],\"dimensions\":[\"event:page\"],"
                + RANGE + ",\"order_by\":[[\"visitors\",\"desc\"]],\"pagination\":{\"limit\":3,\"offset\":1}}");
        JsonNode pages = own("/api/stats/breakdown/pages?" + OWN_RANGE + "&limit=3&page=1");
        JsonNode more = own("/api/stats/breakdown/pages?" + OWN_RANGE + "&limit=4&page=1");

        List<String> expected = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            expected.add(more.get(i).get("value").asText() + " " + more.get(i).get("visitors").asLong() + " " + more.get(i).get("pageviews").asLong());
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode row : answer.get("results")) {
            actual.add(row.get("dimensions").get(0).asText() + " " + row.get("metrics").get(0).asLong() + " " + row.get("metrics").get(1).asLong());
        }
        assertThat(pages).hasSize(3);
        assertThat(actual).as("rows 2 to 4").isEqualTo(expected);
    }

    @Test
    void aDailySeriesEqualsTheTimeseriesRoute() throws Exception {
        JsonNode answer = query("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\",\"pageviews\"],\"dimensions\":[\"time:day\"]," + RANGE + "}");
        JsonNode series = own("/api/stats/timeseries?" + OWN_RANGE + "&interval=day");

        List<String> expected = new ArrayList<>();
        series.forEach(point -> {
            if (point.get("visitors").asLong() > 0) {
                expected.add(point.get("date").asText().substring(0, 10) + " " + point.get("visitors").asLong() + " " + point.get("pageviews").asLong());
            }
        });
        List<String> actual = new ArrayList<>();
        answer.get("results").forEach(row -> {
            if (row.get("metrics").get(0).asLong() > 0) {
                actual.add(row.get("dimensions").get(0).asText() + " " + row.get("metrics").get(0).asLong() + " " + row.get("metrics").get(1).asLong());
            }
        });
        assertThat(actual).hasSize(7).isEqualTo(expected);
    }

    @Test
    void aFilteredAggregateEqualsTheFilteredMainRoute() throws Exception {
        String filters = "[[\"is\",\"visit:source\",[\"Google\"]]]";
        JsonNode answer = query("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\",\"pageviews\"]," + RANGE + ",\"filters\":" + filters + "}");
        JsonNode main = own("/api/stats/main?" + OWN_RANGE + "&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8));

        JsonNode metrics = answer.get("results").get(0).get("metrics");
        assertThat(main.get("unique_visitors").asLong()).isPositive();
        assertThat(List.of(metrics.get(0).asLong(), metrics.get(1).asLong()))
                .containsExactly(main.get("unique_visitors").asLong(), main.get("total_pageviews").asLong());
        assertThat(answer.get("query").get("filters").toString()).isEqualTo(filters);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"conversion_rate\"],\"date_range\":\"7d\"}|metrics",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":[\"2026-03-04T00:00:00Z\",\"2026-03-10T00:00:00Z\"]}|date_range",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"all\"}|date_range",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"]}|date_range",
            "{\"site_id\":\"plausible.test\",\"metrics\":[],\"date_range\":\"7d\"}|metrics",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\",\"dimensions\":[\"event:page\",\"visit:source\"]}|dimensions",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\",\"dimensions\":[\"visit:nonsense\"]}|dimensions",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\",\"order_by\":[[\"pageviews\",\"desc\"]]}|order_by",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\",\"pagination\":{\"limit\":0}}|pagination",
            "{\"site_id\":\"plausible.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\",\"filters\":[[\"is\",\"visit:source\"]]}|filters",
            "[]|body"})
    void whatThisServerCannotAnswerIsA400NamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = ask(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo(field);
    }

    @Test
    void rollingKeywordsPlausibleHasAnswerWithTheirLength() throws Exception {
        JsonNode answer = query("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\"],\"date_range\":\"28d\"}");
        JsonNode range = answer.get("query").get("date_range");

        assertThat(LocalDate.parse(range.get(0).asText()).plusDays(27)).isEqualTo(LocalDate.parse(range.get(1).asText()));
    }

    @Test
    void aKeyForAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> response = ask("{\"site_id\":\"other.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}");

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
